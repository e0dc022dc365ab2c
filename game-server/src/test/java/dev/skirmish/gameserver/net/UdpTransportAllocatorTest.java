package dev.skirmish.gameserver.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import org.junit.jupiter.api.Test;

class UdpTransportAllocatorTest {
    /**
     * A match host's channels use the pooled allocator (its buffers keep their NIO view: no ByteBuffer per datagram
     * received); a server of its own keeps Netty's default (less RSS).
     */
    @Test
    void aHostsChannelsUseThePooledAllocatorUnlessNettysPropertyNamesOne() {
        String before = System.getProperty("io.netty.allocator.type");
        try {
            System.clearProperty("io.netty.allocator.type");
            assertThat(UdpTransport.allocator(true)).isSameAs(PooledByteBufAllocator.DEFAULT);
            assertThat(UdpTransport.allocator(false)).isSameAs(ByteBufAllocator.DEFAULT);
            // the memory levers (docs/benchmarks.md) choose Netty's allocator with the property: it must still win
            System.setProperty("io.netty.allocator.type", "unpooled");
            assertThat(UdpTransport.allocator(true)).isSameAs(ByteBufAllocator.DEFAULT);
        } finally {
            if (before == null) {
                System.clearProperty("io.netty.allocator.type");
            } else {
                System.setProperty("io.netty.allocator.type", before);
            }
        }
    }
}
