package dev.skirmish.protocol.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TraceparentTest {
    private static final String VALID = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void aWellFormedVersion00ValueParsesAndPrintsTheSame() {
        Traceparent t = Traceparent.parse(VALID).orElseThrow();
        assertThat(t.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(t.parentId()).isEqualTo("00f067aa0ba902b7");
        assertThat(t.toString()).isEqualTo(VALID);
    }

    /** Log forging and oversized values: a hostile caller's traceparent ends up in log lines and an environment. */
    @Test
    void logInjectionOversizeAndMalformedValuesAreRefused() {
        assertThat(Traceparent.parse(null)).isEmpty();
        assertThat(Traceparent.parse("")).isEmpty();
        // a forged second log line after a valid prefix
        assertThat(Traceparent.parse(VALID + "\n2026-01-01 INFO forged")).isEmpty();
        assertThat(Traceparent.parse("00-4bf92f3577b34da6a3ce929d0e0e473\n-00f067aa0ba902b7-01")).isEmpty();
        assertThat(Traceparent.parse(VALID + "-" + "a".repeat(10_000))).isEmpty();
        assertThat(Traceparent.parse(VALID.toUpperCase())).isEmpty();
        assertThat(Traceparent.parse("01" + VALID.substring(2))).isEmpty();
        assertThat(Traceparent.parse("ff" + VALID.substring(2))).isEmpty();
        assertThat(Traceparent.parse("00-" + "0".repeat(32) + "-00f067aa0ba902b7-01")).isEmpty();
        assertThat(Traceparent.parse("00-4bf92f3577b34da6a3ce929d0e0e4736-" + "0".repeat(16) + "-01")).isEmpty();
        assertThat(Traceparent.parse("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0g")).isEmpty();
        assertThat(Traceparent.parse("00_4bf92f3577b34da6a3ce929d0e0e4736_00f067aa0ba902b7_01")).isEmpty();
        assertThatThrownBy(() -> new Traceparent("x", "y", "z")).isInstanceOf(IllegalArgumentException.class);
    }
}
