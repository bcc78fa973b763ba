package dev.jobwire.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class EndpointsTest {

    @Test
    void of_localRuntimeUrl_derivesTheHttpBaseOnTheSamePortAndStage() {
        Endpoints endpoints = Endpoints.of("ws://127.0.0.1:3001/local/", null);

        assertThat(endpoints.webSocket()).isEqualTo(URI.create("ws://127.0.0.1:3001/local"));
        assertThat(endpoints.http()).isEqualTo(URI.create("http://127.0.0.1:3001/local"));
        assertThat(endpoints.httpPath("/_dev/token")).isEqualTo(URI.create("http://127.0.0.1:3001/local/_dev/token"));
        assertThat(endpoints.isLoopback()).isTrue();
    }

    @Test
    void of_deployedStage_usesSecureSchemesAndIsNotLoopback() {
        Endpoints endpoints = Endpoints.of("wss://abc.execute-api.eu-west-1.amazonaws.com/prod", "");

        assertThat(endpoints.http()).isEqualTo(URI.create("https://abc.execute-api.eu-west-1.amazonaws.com/prod"));
        assertThat(endpoints.isLoopback()).isFalse();
        assertThat(Endpoints.of("wss://a.example/prod", "https://b.example/api").http())
                .isEqualTo(URI.create("https://b.example/api"));
    }

    @Test
    void isLoopback_knowsLocalhostAndIpv6() {
        assertThat(Endpoints.of("ws://localhost:3001/local", null).isLoopback()).isTrue();
        assertThat(Endpoints.of("ws://[::1]:3001/local", null).isLoopback()).isTrue();
        assertThat(Endpoints.of("ws://10.0.0.1:3001/local", null).isLoopback()).isFalse();
    }

    @Test
    void of_unusableUrls_areUsageErrors() {
        for (String bad : new String[] {"", "http://127.0.0.1/local", "ws://", "ws://h/local?token=x", "not a url"}) {
            assertThatThrownBy(() -> Endpoints.of(bad, null), bad)
                    .isInstanceOfSatisfying(CliFailure.class,
                            failure -> assertThat(failure.exitCode()).isEqualTo(ExitCodes.USAGE));
        }
    }
}
