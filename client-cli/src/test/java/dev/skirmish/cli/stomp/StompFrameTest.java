package dev.skirmish.cli.stomp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StompFrameTest {
    @Test
    void sendFrameRoundTripsWithEscapedHeadersAndContentLength() {
        StompFrame f = StompFrame.of("SEND", "destination", "/app/rooms/r:1/chat").withBody("application/json", "{\"text\":\"héllo\"}");
        String wire = f.encode();
        assertThat(wire).startsWith("SEND\ndestination:/app/rooms/r\\c1/chat\n").endsWith("{\"text\":\"héllo\"}\0");
        assertThat(wire).contains("content-length:17\n");
        StompFrame back = StompFrame.decode(wire);
        assertThat(back.command()).isEqualTo("SEND");
        assertThat(back.header("destination")).isEqualTo("/app/rooms/r:1/chat");
        assertThat(back.body()).isEqualTo("{\"text\":\"héllo\"}");
    }

    @Test
    void connectHeadersAreNotEscapedAndLeadingHeartbeatsAreSkipped() {
        String wire = StompFrame.of("CONNECT", "accept-version", "1.2", "Authorization", "Bearer a:b").encode();
        assertThat(wire).contains("Authorization:Bearer a:b\n");
        StompFrame connected = StompFrame.decode("\n\nCONNECTED\nversion:1.2\nheart-beat:10000,10000\n\n\0");
        assertThat(connected.command()).isEqualTo("CONNECTED");
        assertThat(connected.header("heart-beat")).isEqualTo("10000,10000");
        assertThat(connected.body()).isEmpty();
    }

    @Test
    void malformedFramesAreRefused() {
        assertThatThrownBy(() -> StompFrame.decode("MESSAGE\ndestination:/x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StompFrame.decode("MESSAGE\nnocolon\n\n\0")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StompFrame.decode("MESSAGE\ncontent-length:99\n\nab\0")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StompFrame.decode("MESSAGE\nbad:\\t\n\n\0")).isInstanceOf(IllegalArgumentException.class);
    }
}
