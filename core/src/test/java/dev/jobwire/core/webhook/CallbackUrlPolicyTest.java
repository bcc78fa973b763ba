package dev.jobwire.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jobwire.core.port.HostResolver;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CallbackUrlPolicyTest {
    /** A resolver with fixed answers, so no test depends on DNS. */
    private static final Map<String, String> NAMES = Map.of(
            "hooks.example.com", "93.184.215.14",
            "intranet.example.com", "10.1.2.3",
            "metadata.example.com", "169.254.169.254",
            "mixed.example.com", "93.184.215.14,192.168.0.7",
            "localhost", "127.0.0.1");
    private static final HostResolver RESOLVER = host -> {
        if (NAMES.containsKey(host)) {
            List<InetAddress> addresses = new java.util.ArrayList<>();
            for (String ip : NAMES.get(host).split(",")) {
                addresses.add(InetAddress.getByName(ip));
            }
            return addresses;
        }
        if (host.matches("[0-9.]+") || host.contains(":")) {
            return List.of(InetAddress.getByName(host));
        }
        throw new UnknownHostException(host);
    };

    private final CallbackUrlPolicy strict = new CallbackUrlPolicy(RESOLVER, false);
    private final CallbackUrlPolicy loopbackAllowed = new CallbackUrlPolicy(RESOLVER, true);

    @Test
    void check_httpsUrlOfAPublicHost_isAcceptedWithItsAddresses() {
        var result = strict.check("https://hooks.example.com/jobwire?x=1");

        assertThat(result).isInstanceOf(CallbackUrlPolicy.Accepted.class);
        assertThat(((CallbackUrlPolicy.Accepted) result).addresses()).extracting(InetAddress::getHostAddress)
                .containsExactly("93.184.215.14");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "https://169.254.169.254/latest/meta-data/",
        "https://10.0.0.1/hook",
        "https://172.16.5.4/hook",
        "https://192.168.1.1/hook",
        "https://127.0.0.1/hook",
        "https://[::1]/hook",
        "https://[::ffff:10.0.0.1]/hook",
        "https://[fd00:ec2::254]/hook",
        "https://[fe80::1]/hook",
        "https://[64:ff9b::a9fe:a9fe]/hook",
        "https://[2002:a00:1::]/hook",
        "https://100.64.0.1/hook",
        "https://0.0.0.0/hook",
        "https://224.0.0.1/hook",
        "https://intranet.example.com/hook",
        "https://metadata.example.com/hook",
        "https://mixed.example.com/hook",
        "https://localhost/hook"})
    void check_anAddressThatIsNotPublic_isRejected(String url) {
        assertThat(strict.check(url)).isInstanceOf(CallbackUrlPolicy.Rejected.class);
    }

    @Test
    void check_aNameResolvingToAPrivateAddress_saysWhichAddress() {
        var result = (CallbackUrlPolicy.Rejected) strict.check("https://intranet.example.com/hook");

        assertThat(result.reason()).contains("private").contains("10.1.2.3");
    }

    @Test
    void check_theMetadataAddress_isNamedAsSuch() {
        var result = (CallbackUrlPolicy.Rejected) strict.check("https://169.254.169.254/");

        assertThat(result.reason()).contains("metadata");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://hooks.example.com/", "ftp://hooks.example.com/", "hooks.example.com/x",
        "https://user:pw@hooks.example.com/", "https://hooks.example.com/#frag", "https://nowhere.invalid/",
        "https:///path", "not a url"})
    void check_aMalformedOrPlainHttpUrl_isRejected(String url) {
        assertThat(strict.check(url)).isInstanceOf(CallbackUrlPolicy.Rejected.class);
    }

    @Test
    void check_plainHttpToLoopback_isAcceptedOnlyWithTheFlag() {
        assertThat(strict.check("http://127.0.0.1:8080/hook")).isInstanceOf(CallbackUrlPolicy.Rejected.class);
        assertThat(loopbackAllowed.check("http://127.0.0.1:8080/hook")).isInstanceOf(CallbackUrlPolicy.Accepted.class);
        assertThat(loopbackAllowed.check("http://localhost:8080/hook")).isInstanceOf(CallbackUrlPolicy.Accepted.class);
    }

    @Test
    void check_withTheFlag_stillRejectsPrivateAndMetadataAddressesAndPlainHttpElsewhere() {
        assertThat(loopbackAllowed.check("http://10.0.0.1/hook")).isInstanceOf(CallbackUrlPolicy.Rejected.class);
        assertThat(loopbackAllowed.check("https://169.254.169.254/")).isInstanceOf(CallbackUrlPolicy.Rejected.class);
        assertThat(loopbackAllowed.check("http://hooks.example.com/")).isInstanceOf(CallbackUrlPolicy.Rejected.class);
    }

    @Test
    void refusingAll_rejectsEvenAPublicHttpsUrl() {
        var result = CallbackUrlPolicy.refusingAll().check("https://hooks.example.com/");

        assertThat(result).isInstanceOf(CallbackUrlPolicy.Rejected.class);
        assertThat(((CallbackUrlPolicy.Rejected) result).reason()).contains("not supported");
    }
}
