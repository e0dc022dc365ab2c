package dev.skirmish.gameserver.bench;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JVM-option sets {@link MemoryLevers} measures, by name (docs/benchmarks.md, "game-server memory"). A set's
 * leading {@code NAME=value} words are the server's environment; {@code <cache>} options point at the AOT cache the
 * harness trains.
 */
final class MemoryLeverSets {
    private MemoryLeverSets() {
    }

    static final String BASE = "-Xss512k -Xmx256m -XX:+UseSerialGC";
    /**
     * The orchestrator's small-match-jvm-options default (session-orchestrator OrchestratorProperties) without its
     * {@code -XX:CompileCommand=MemLimit *.* 4m}, before 2026-12-05 16:00: lever {@code small+aot+arenas+memlimit4} is
     * that whole set; the orchestrator's current one is {@link #ORCHESTRATOR_SMALL}.
     */
    static final String SMALL = "-Xss256k -Xms8m -Xmx24m -Xmn6m -XX:+UseSerialGC -XX:TrimNativeHeapInterval=2000 -XX:-UsePerfData";
    /**
     * The orchestrator's small-match-jvm-options default before 2026-12-05 22:40 (lever {@code orchestrator-small-c2}):
     * tiered compilation, C2 compilations capped at 4 MiB of compiler memory.
     */
    static final String ORCHESTRATOR_SMALL_C2 = SMALL.replace("-Xmn6m", "-Xmn3m")
            + " -XX:CICompilerCount=2 -XX:CompileCommand=MemLimit,*.*,4m";
    /**
     * The orchestrator's small-match-jvm-options default from 2026-12-05 22:40 to 2026-12-06 01:30 (lever
     * {@code orchestrator-small-before}): C1 only.
     */
    static final String ORCHESTRATOR_SMALL_BEFORE = SMALL.replace("-Xmn6m", "-Xmn3m")
            + " -XX:TieredStopAtLevel=1 -XX:CICompilerCount=2";
    /**
     * The orchestrator's small-match-jvm-options default (lever {@code orchestrator-small}), which its AOT cache is
     * trained with: C1 only, the ClassFile API's one outsized C1 compilation excluded, a small string table. The
     * orchestrator writes the exclusion with a space ({@code exclude <method>}); here a comma, as the harness splits
     * options at spaces. The cache serves every set with the same GC and header layout, so the other levers use it
     * too (measure {@code orchestrator-small-c2} and {@code orchestrator-small-before} with {@code aot=} a cache
     * trained with that set, as it was).
     */
    static final String ORCHESTRATOR_SMALL = ORCHESTRATOR_SMALL_BEFORE + " -XX:CompileCommand=quiet"
            + " -XX:CompileCommand=exclude,jdk.internal.classfile.impl.StackMapGenerator::processBlock -XX:StringTableSize=4096";

    /** Cumulative levers, in the order they are tried: each adds to the one before (except where it says "alone"). */
    static Map<String, String> levers(Path aotCache) {
        Map<String, String> l = new LinkedHashMap<>();
        l.put("base", BASE);
        l.put("heap", "-Xss512k -Xms8m -Xmx32m -XX:+UseSerialGC");
        l.put("heap+threads", l.get("heap") + " -XX:CICompilerCount=2 -XX:-UsePerfData -Xss256k");
        l.put("heap+threads+codecache", l.get("heap+threads") + " -XX:ReservedCodeCacheSize=20m -XX:MaxMetaspaceSize=48m");
        l.put("heap+threads+codecache+netty", l.get("heap+threads+codecache")
                + " -Dio.netty.allocator.type=unpooled -Dio.netty.noPreferDirect=true -XX:MaxDirectMemorySize=8m");
        l.put("heap+threads+codecache+aot", l.get("heap+threads+codecache") + " -XX:AOTCache=" + aotCache + " -Xlog:aot=off -Xlog:cds=off");
        l.put("heap16+threads+codecache+aot", l.get("heap+threads+codecache+aot").replace("-Xms8m -Xmx32m", "-Xms8m -Xmx16m -Xmn6m"));
        l.put("heap16+...+aot+c1", l.get("heap16+threads+codecache+aot") + " -XX:TieredStopAtLevel=1");
        // what the orchestrator launches with by default since these runs (its AOT cache is on by default)
        l.put("default (heap+aot)", "-Xss512k -Xms8m -Xmx32m -XX:+UseSerialGC -XX:AOTCache=" + aotCache + " -Xlog:aot=off -Xlog:cds=off");
        l.put("default+netty", l.get("default (heap+aot)") + " -Dio.netty.allocator.type=unpooled -Dio.netty.noPreferDirect=true");
        // Netty 4.2's own default, which the UDP channel used before it chose the pooled allocator
        l.put("default+adaptive", l.get("default (heap+aot)") + " -Dio.netty.allocator.type=adaptive");
        // glibc keeps what C2's compilations freed unless asked to give it back: the JVM trims the C heap every 5 s
        l.put("default+trim", l.get("default (heap+aot)") + " -XX:TrimNativeHeapInterval=5000");
        // fewer glibc arenas (an environment variable, not a JVM option: MALLOC_ARENA_MAX=2)
        l.put("default+trim+arenas", "MALLOC_ARENA_MAX=2 " + l.get("default+trim"));
        l.put("heap16+aot+trim", l.get("default+trim").replace("-Xmx32m", "-Xmx16m"));
        l.put("heap16+aot+trim+arenas", "MALLOC_ARENA_MAX=2 " + l.get("heap16+aot+trim"));
        // not a lever: Native Memory Tracking, to see where the rest goes (jcmd <pid> VM.native_memory summary)
        l.put("nmt", l.get("heap16+aot+trim") + " -XX:NativeMemoryTracking=summary");
        l.put("heap+c1 (alone)", "-Xss512k -Xms8m -Xmx32m -XX:+UseSerialGC -XX:TieredStopAtLevel=1");
        // issue 17, the orchestrator's heap sized from the player count: its small-match set (OrchestratorProperties
        // small-match-jvm-options) plus the AOT cache, and MALLOC_ARENA_MAX=2 as ChildEnvironment sets it
        String aot = " -XX:AOTCache=" + aotCache + " -Xlog:aot=off -Xlog:cds=off";
        l.put("small+aot", SMALL + aot);
        l.put("small+aot+arenas", "MALLOC_ARENA_MAX=2 " + SMALL + aot);
        l.put("small+aot+arenas+unpooled", l.get("small+aot+arenas")
                + " -Dio.netty.allocator.type=unpooled -Dio.netty.noPreferDirect=true");
        // C2 only: no C1 thread and no profiled C1 code; the AOT cache's method profiles let C2 start early
        l.put("small+aot+arenas+c2only", l.get("small+aot+arenas") + " -XX:-TieredCompilation");
        // a C2 compilation whose arena outgrows 8 MiB is given up (that method stays C1-compiled): the C heap's
        // peaks come from the JIT's largest compilations
        l.put("small+aot+arenas+memlimit", l.get("small+aot+arenas") + " -XX:CompileCommand=MemLimit,*.*,8m");
        // the JDK maps the AOT archive at a random address and patches its pointers (ArchiveRelocationMode=1, the
        // default since JDK 21, for ASLR): every patched page becomes private; 0 maps it where it was built
        l.put("small+aot+arenas+memlimit4", l.get("small+aot+arenas") + " -XX:CompileCommand=MemLimit,*.*,4m");
        // C2 kept for everything, its compilation units smaller: less inlining
        l.put("small+aot+arenas+inline", l.get("small+aot+arenas") + " -XX:MaxInlineLevel=6 -XX:FreqInlineSize=120");
        l.put("small+aot+arenas+norelocate", l.get("small+aot+arenas") + " -XX:+UnlockDiagnosticVMOptions -XX:ArchiveRelocationMode=0");
        l.put("small+aot+arenas+nmt", l.get("small+aot+arenas") + " -XX:NativeMemoryTracking=summary");
        l.put("heap16+aot+arenas", "MALLOC_ARENA_MAX=2 " + SMALL.replace("-Xmx24m -Xmn6m", "-Xmx16m -Xmn4m") + aot);
        l.put("heap32+aot+arenas", "MALLOC_ARENA_MAX=2 " + SMALL.replace("-Xmx24m -Xmn6m", "-Xmx32m") + aot);
        // not a lever: each JIT compilation's memory, read with jcmd=Compiler.memory
        l.put("small+aot+arenas+memstat", l.get("small+aot+arenas") + " -XX:CompileCommand=MemStat,*.*");
        // 2026-12-05 15:40 round, the READY floor: each adds to the orchestrator's small-match set (memlimit4)
        String set = l.get("small+aot+arenas+memlimit4");
        l.put("set+nmt", set + " -XX:NativeMemoryTracking=summary");
        // a smaller young generation: eden is touched whole after its first collection, READY included
        l.put("set+xmn4", set.replace("-Xmn6m", "-Xmn4m"));
        l.put("set+xmn3", set.replace("-Xmn6m", "-Xmn3m"));
        // the code cache starts at 1 MiB instead of 2.5 and is capped (Compiler.codecache: a 6-player match uses ~6 MiB)
        l.put("set+xmn4+codecache", l.get("set+xmn4") + " -XX:InitialCodeCacheSize=1m -XX:ReservedCodeCacheSize=24m");
        // the JVM's own threads' stacks (1 MiB reserved each; only touched pages count)
        l.put("set+xmn4+stacks", l.get("set+xmn4") + " -XX:CompilerThreadStackSize=512 -XX:VMThreadStackSize=512");
        // fewer methods C1-compiled with profiles (tier 3 thresholds ×10): start-up code stays interpreted, less code
        // and fewer compilations; the tick's methods run thousands of times a second and still reach C2
        l.put("set+xmn4+tier3", l.get("set+xmn4") + " -XX:Tier3InvocationThreshold=2000 -XX:Tier3MinInvocationThreshold=1000"
                + " -XX:Tier3CompileThreshold=20000 -XX:Tier3BackEdgeThreshold=600000");
        l.put("set+xmn4+memlimit3", l.get("set+xmn4").replace("MemLimit,*.*,4m", "MemLimit,*.*,3m"));
        // one glibc arena: the compiler threads' frees go back to the one heap the others allocate from
        l.put("set+xmn4+arena1", l.get("set+xmn4").replace("MALLOC_ARENA_MAX=2", "MALLOC_ARENA_MAX=1"));
        // no replay of the cache's method profiles at start (the "Training replay" thread's eager compilations)
        l.put("set+xmn4+noreplay", l.get("set+xmn4") + " -XX:+UnlockDiagnosticVMOptions -XX:-AOTReplayTraining");
        // a larger host, emulated: the JVM sizes its compiler threads by the cores it sees (2 here, more on a server
        // with many), and more compilations at once raise the C heap's peak; CICompilerCount=2 pins it
        l.put("set+xmn3+16cpus", l.get("set+xmn3") + " -XX:ActiveProcessorCount=16");
        l.put("set+xmn3+16cpus+cicount2", l.get("set+xmn3+16cpus") + " -XX:CICompilerCount=2");
        // exactly what the orchestrator launches a small match with now (its set, its environment, its cache)
        l.put("orchestrator-small", "MALLOC_ARENA_MAX=2 " + ORCHESTRATOR_SMALL + aot);
        // issue 17, 2026-12-05 22:00 round: each adds to (or changes) the orchestrator's small-match launch
        l.put("orchestrator-small-c2", "MALLOC_ARENA_MAX=2 " + ORCHESTRATOR_SMALL_C2 + aot);
        String orch = l.get("orchestrator-small-c2");
        // C1 only, no profiling tier: no C2 arenas, no method data, no profiled code (the orchestrator's set since
        // 22:40, there without the MemLimit, which only C2's compilations reach)
        l.put("orch+c1", orch + " -XX:TieredStopAtLevel=1");
        // the same with one compiler thread (C1 alone needs no second one): a thread and its arena fewer
        l.put("orch+c1+cc1", orch.replace("-XX:CICompilerCount=2", "-XX:CICompilerCount=1") + " -XX:TieredStopAtLevel=1");
        // C2 only (no C1 code or method data), one compiler thread; no MemLimit: a method whose C2 compilation is
        // given up has no C1 code to fall back on and would stay interpreted; thresholds ÷10 so the tick's own
        // methods (60 calls a second) are compiled within seconds instead of minutes
        l.put("orch+c2only", orch.replace(" -XX:CICompilerCount=2 -XX:CompileCommand=MemLimit,*.*,4m", "")
                + " -XX:-TieredCompilation -XX:CICompilerCount=1 -XX:CompileThresholdScaling=0.1");
        // a smaller old generation to start with (5 MiB holds the cache's archived objects; 3 MiB of old does not)
        l.put("orch+xms6", orch.replace("-Xms8m", "-Xms6m"));
        // issue 17, 2026-12-06 01:00 round: each adds to the orchestrator's small-match launch before it (C1 only)
        l.put("orchestrator-small-before", "MALLOC_ARENA_MAX=2 " + ORCHESTRATOR_SMALL_BEFORE + aot);
        String c1 = l.get("orchestrator-small-before");
        // C1's one outsized compilation: the ClassFile API's StackMapGenerator.processBlock (the launcher spins lambda
        // forms with it at start) takes a 6.4 MB arena 0.4 s into the run, which the chunk pool and glibc hold past
        // the match's start; every compilation of the play path needs less than 1 MB (Compiler.memory)
        l.put("c1+memlimit2", c1 + " -XX:CompileCommand=MemLimit,*.*,2m");
        l.put("c1+exclude-smg", c1 + " -XX:CompileCommand=quiet"
                + " -XX:CompileCommand=exclude,jdk.internal.classfile.impl.StackMapGenerator::processBlock");
        String smg = l.get("c1+exclude-smg");
        l.put("c1+smg+strtab", smg + " -XX:StringTableSize=4096");
        l.put("c1+smg+strtab+xmn2", l.get("c1+smg+strtab").replace("-Xmn3m", "-Xmn2m"));
        l.put("orchestrator-small+xmn2", l.get("orchestrator-small").replace("-Xmn3m", "-Xmn2m"));
        String m2 = l.get("c1+memlimit2");
        // the interned-string table's buckets (65536 × 8 bytes, malloc'ed and written at start); it grows by itself
        l.put("c1+memlimit2+strtab", m2 + " -XX:StringTableSize=4096");
        l.put("c1+memlimit2+xmn2", m2.replace("-Xmn3m", "-Xmn2m"));
        l.put("c1+memlimit2+arena1", m2.replace("MALLOC_ARENA_MAX=2", "MALLOC_ARENA_MAX=1"));
        l.put("c1+memlimit2+cc1", m2.replace("-XX:CICompilerCount=2", "-XX:CICompilerCount=1"));
        // fewer methods compiled (thresholds ×4): start-up code stays interpreted; the tick's methods run thousands of
        // times a second and are compiled within a second or two anyway
        l.put("c1+memlimit2+thresh4", m2 + " -XX:CompileThresholdScaling=4");
        // 4-byte object headers: the cache must be trained with the flag too, so it has its own (trained on first use)
        l.put("set+coh", set.replace(aotCache.toString(), cohCache(aotCache).toString()) + " -XX:+UseCompactObjectHeaders");
        // the JDK's own CDS archive instead of the AOT cache (JDK classes only; the application's parsed at start)
        l.put("set-aot (jdk cds)", set.replace(aot, ""));
        // the large-match set (more than 8 players, warm servers, match hosts), for comparison
        l.put("large+aot", "-Xss512k -Xmx256m -XX:+UseSerialGC" + aot);
        return l;
    }

    /** The AOT cache trained with {@code -XX:+UseCompactObjectHeaders}: the JVM refuses a cache of the other header layout. */
    static Path cohCache(Path aotCache) {
        return aotCache.resolveSibling(aotCache.getFileName().toString().replace(".aot", "-coh.aot"));
    }
}
