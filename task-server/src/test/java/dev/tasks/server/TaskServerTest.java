package dev.tasks.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

/** Starting and stopping: the banner a newcomer sees, and a port in use. */
class TaskServerTest {

    @Test
    void theBannerGivesTheAddressAndACurlForEachApiWithAFittingToken() {
        try (RunningServer running = RunningServer.start(false)) {
            String banner = running.server.banner();
            String base = running.base().toString();
            assertThat(banner).contains("tasks server listening on " + base)
                    .contains("curl -s " + base + "/2025-09/tasks -H 'Authorization: Bearer " + RunningServer.STORA_TOKEN + "'")
                    .contains("/v1/tasks -H 'Lightfield-Version: 2026-03-01' -H 'Authorization: Bearer "
                            + RunningServer.LIGHTFIELD_TOKEN + "'")
                    .contains("SQLite file " + running.directory.resolve("tasks.db"));
        }
    }

    @Test
    void aPortInUseIsAClearFailureAndLeavesNothingOpen() {
        try (RunningServer running = RunningServer.start(false)) {
            ServerConfig taken = ServerConfig.defaults().withPort(running.base().getPort())
                    .withDatabase(running.directory.resolve("other.db").toString());
            assertThatThrownBy(() -> TaskServer.start(taken)).isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining("cannot listen on 127.0.0.1:" + running.base().getPort());
        }
    }
}
