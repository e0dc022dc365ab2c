package dev.skirmish.gameserver.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import org.junit.jupiter.api.Test;

class UdpTransportAllocatorTest {
    /** The pooled allocator by default (its buffers keep their NIO view: no ByteBuffer per datagram received). */
    @Test
    void theChannelUsesThePooledAllocatorUnlessNettysPropertyNamesOne() {
        String before = System.getProperty("io.netty.allocator.type");
        try {
            System.clearProperty("io.netty.allocator.type");
            assertThat(UdpTransport.allocator()).isSameAs(PooledByteBufAllocator.DEFAULT);
            // the memory levers (docs/benchmarks.md) choose Netty's allocator with the property: it must still win
            System.setProperty("io.netty.allocator.type", "unpooled");
            assertThat(UdpTransport.allocator()).isSameAs(ByteBufAllocator.DEFAULT);
        } finally {
            if (before == null) {
                System.clearProperty("io.netty.allocator.type");
            } else {
                System.setProperty("io.netty.allocator.type", before);
            }
        }
    }
}
