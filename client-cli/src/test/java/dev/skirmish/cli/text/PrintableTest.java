package dev.skirmish.cli.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The one escaping helper: what becomes a visible escape, what stays, and the writer every command prints through. */
class PrintableTest {

    @Test
    void terminalEscapesBidiAndZeroWidthBecomeVisible() {
        assertThat(Printable.escape("a\u001b[2Jb\u009b2Jc\u202Ed\u200Be\u0085f\u2066g\uFEFFh\u0007i\u007f\n\t\r"))
                .isEqualTo("a\\u001b[2Jb\\u009b2Jc\\u202ed\\u200be\\u0085f\\u2066g\\ufeffh\\u0007i\\u007f\\u000a\\u0009\\u000d");
        assertThat(Printable.escape("tag\uDB40\uDC01")).isEqualTo("tag\\U000e0001");
        assertThat(Printable.escape("lone\uD800")).isEqualTo("lone\\ud800");
        assertThat(Printable.escape(null)).isEmpty();
    }

    @Test
    void ordinaryTextStaysAsItIs() {
        for (String ok : new String[] {"alice", "Friday duel", "日本語", "مرحبا", "🎮🔥👍🏽", "e\u0301", "C:\\path [ok] 100%"}) {
            assertThat(Printable.escape(ok)).isSameAs(ok);
        }
    }

    @Test
    void escapeLinesKeepsLineBreaksAndTabsOnly() {
        assertThat(Printable.escapeLines("at x\n\tat y \u009b\r")).isEqualTo("at x\n\tat y \\u009b\\u000d");
    }

    @Test
    void theWriterEscapesEverythingButLineBreaksAlsoWhenAPairIsSplitAcrossWrites() {
        StringWriter sink = new StringWriter();
        PrintWriter out = Printable.writer(sink);
        out.print("x\u001b[2J\u202E ");
        out.print('\uD83C'); // the first half of 🎮 ...
        out.print('\uDFAE'); // ... and the second, in another write
        out.print(" \uDB40");
        out.print('\uDC01');
        out.println("\t\u009b");
        out.print("\uD800x");
        out.close();
        assertThat(sink.toString()).isEqualTo("x\\u001b[2J\\u202e 🎮 \\U000e0001\\u0009\\u009b" + System.lineSeparator() + "\\ud800x");
    }
}
