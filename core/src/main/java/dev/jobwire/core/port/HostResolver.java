package dev.jobwire.core.port;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** Resolves a host name to every address it has, as the callback URL checks need. */
@FunctionalInterface
public interface HostResolver {

    /** @throws UnknownHostException when the name has no address */
    List<InetAddress> resolve(String host) throws UnknownHostException;

    /** The JVM's resolver (the system's DNS). */
    static HostResolver system() {
        return host -> List.of(InetAddress.getAllByName(host));
    }
}
