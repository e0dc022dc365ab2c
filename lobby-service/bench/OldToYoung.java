import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import sun.jvm.hotspot.HotSpotAgent;
import sun.jvm.hotspot.debugger.Address;
import sun.jvm.hotspot.debugger.OopHandle;
import sun.jvm.hotspot.gc.g1.G1CollectedHeap;
import sun.jvm.hotspot.gc.g1.G1HeapRegion;
import sun.jvm.hotspot.oops.DefaultOopVisitor;
import sun.jvm.hotspot.oops.Klass;
import sun.jvm.hotspot.oops.ObjectHeap;
import sun.jvm.hotspot.oops.Oop;
import sun.jvm.hotspot.oops.OopField;
import sun.jvm.hotspot.runtime.VM;

/**
 * Which old-generation objects point at young ones in a running G1 JVM: the references a young pause has to find
 * through the remembered sets and the card table (G1's "Scan Heap Roots"). Attaches with the Serviceability Agent,
 * which stops the target for the whole walk (seconds to minutes), so run it outside any measured window.
 *
 * <p>Usage (JDK 25, as root or the target's user):
 * {@code java --add-modules jdk.hotspot.agent --add-exports jdk.hotspot.agent/sun.jvm.hotspot=ALL-UNNAMED
 * --add-exports jdk.hotspot.agent/sun.jvm.hotspot.debugger=ALL-UNNAMED
 * --add-exports jdk.hotspot.agent/sun.jvm.hotspot.gc.g1=ALL-UNNAMED
 * --add-exports jdk.hotspot.agent/sun.jvm.hotspot.oops=ALL-UNNAMED
 * --add-exports jdk.hotspot.agent/sun.jvm.hotspot.runtime=ALL-UNNAMED OldToYoung.java PID|CORE [TOP [CLASS,...]]}
 * (CORE: a {@code gcore PID} dump of a JVM of the same JDK, which stops the target for seconds instead of the walk)
 *
 * <p>Per holder (class.field, "[]" for array elements): references into young regions, distinct 512-byte cards
 * those references sit in (the unit G1 scans), and the young targets' top classes. With CLASS,... (binary names), a
 * second walk counts which old objects own the holders of those classes that point at young ones. Stack chunks' frames are not
 * walked by the agent's field iterator: their count and bytes in old regions are printed apart.
 */
public class OldToYoung {

    private static final int CARD_SHIFT = 9;

    static final class Holder {
        long refs;
        final Set<Long> cards = new HashSet<>();
        final Map<String, Long> targets = new HashMap<>();
    }

    public static void main(String[] args) throws Exception {
        int top = args.length > 1 ? Integer.parseInt(args[1]) : 40;
        HotSpotAgent agent = new HotSpotAgent();
        if (args[0].matches("\\d+")) {
            agent.attach(Integer.parseInt(args[0]));
        } else {
            // A core file (gcore PID) stops the target only for the dump; the walk then runs offline.
            agent.attach(System.getProperty("java.home") + "/bin/java", args[0]);
        }
        try {
            run(top, args.length > 2 ? Set.of(args[2].split(",")) : Set.of());
        } finally {
            agent.detach();
        }
    }

    /** One reference field of an old object: its holder, the field's name ("[]" in an array) and its value. */
    interface RefVisitor {
        void visit(long holderAddr, String holderClass, String field, long fieldOffset, OopHandle value);
    }

    private static void run(int top, Set<String> ownersOf) {
        VM vm = VM.getVM();
        G1CollectedHeap heap = (G1CollectedHeap) vm.getUniverse().heap();
        ObjectHeap objects = vm.getObjectHeap();
        List<G1HeapRegion> old = new ArrayList<>();
        long young = 0;
        for (var it = heap.hrm().heapRegionIterator(); it.hasNext(); ) {
            G1HeapRegion r = it.next();
            if (r.isYoung()) {
                young++;
            } else if (r.isOld() || r.isHumongous()) {
                old.add(r);
            }
        }
        System.out.printf("regions: %d young, %d old or humongous, grain %d KiB%n",
                young, old.size(), G1HeapRegion.grainBytes() / 1024);

        Map<String, Holder> byField = new HashMap<>();
        Map<String, long[]> byClass = new HashMap<>();
        Set<Long> allCards = new HashSet<>();
        Set<Long> watched = new HashSet<>();
        long[] refs = new long[1];
        long[] walked = walk(vm, old, (holderAddr, holderClass, field, offset, value) -> {
            G1HeapRegion target = heap.hrm().getByAddress(value);
            if (target == null || !target.isYoung()) {
                return;
            }
            Holder h = byField.computeIfAbsent(holderClass + "." + field, k -> new Holder());
            h.refs++;
            long card = (holderAddr + offset) >>> CARD_SHIFT;
            h.cards.add(card);
            allCards.add(card);
            refs[0]++;
            byClass.computeIfAbsent(holderClass, k -> new long[1])[0]++;
            if (ownersOf.contains(holderClass)) {
                watched.add(holderAddr);
            }
            String targetClass;
            try {
                targetClass = name(objects.newOop(value).getKlass());
            } catch (RuntimeException e) {
                targetClass = "?";
            }
            h.targets.merge(targetClass, 1L, Long::sum);
        });
        System.out.printf("old objects walked %d, references to young %d, distinct cards %d%n",
                walked[0], refs[0], allCards.size());
        System.out.printf("stack chunks in old regions: %d, %d KiB (their frames' references not counted)%n",
                walked[1], walked[2] / 1024);
        System.out.println();
        System.out.println("refs\tcards\tholder.field\ttop young targets");
        byField.entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<String, Holder> e) -> e.getValue().refs).reversed())
                .limit(top)
                .forEach(e -> System.out.printf("%d\t%d\t%s\t%s%n", e.getValue().refs, e.getValue().cards.size(),
                        e.getKey(), topTargets(e.getValue().targets)));
        System.out.println();
        System.out.println("refs\tholder class");
        byClass.entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<String, long[]> e) -> e.getValue()[0]).reversed())
                .limit(top)
                .forEach(e -> System.out.printf("%d\t%s%n", e.getValue()[0], e.getKey()));
        if (watched.isEmpty()) {
            return;
        }
        // Second walk: which old objects hold the watched holders (a queue's owner: Spring's decoder, our outbox...).
        Map<String, Long> owners = new HashMap<>();
        Map<Long, String> holderClassOf = new HashMap<>();
        walk(vm, old, (holderAddr, holderClass, field, offset, value) -> {
            if (ownersOf.contains(holderClass) && watched.contains(holderAddr)) {
                holderClassOf.put(holderAddr, holderClass);
            }
        });
        walk(vm, old, (holderAddr, holderClass, field, offset, value) -> {
            String watchedClass = holderClassOf.get(value.asLongValue());
            if (watchedClass != null) {
                owners.merge(watchedClass + " <- " + holderClass + "." + field, 1L, Long::sum);
            }
        });
        System.out.println();
        System.out.println("holders with young references, by their owner (owner.field)");
        owners.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(top)
                .forEach(e -> System.out.printf("%d\t%s%n", e.getValue(), e.getKey()));
    }

    /** Walks every object of the given regions; returns objects walked, stack chunks and their bytes. */
    private static long[] walk(VM vm, List<G1HeapRegion> regions, RefVisitor visitor) {
        ObjectHeap objects = vm.getObjectHeap();
        boolean compressed = vm.isCompressedOopsEnabled();
        long[] totals = new long[3];
        for (G1HeapRegion region : regions) {
            Address bottom = region.bottom();
            Address regionTop = region.top();
            OopHandle handle = bottom.addOffsetToAsOopHandle(0);
            try {
                while (handle != null && handle.lessThan(regionTop)) {
                    Oop obj = objects.newOop(handle);
                    if (obj == null) {
                        break;
                    }
                    long size = obj.getObjectSize();
                    totals[0]++;
                    String holderClass = name(obj.getKlass());
                    if (holderClass.equals("jdk.internal.vm.StackChunk")) {
                        totals[1]++;
                        totals[2] += size;
                    }
                    long holderAddr = handle.asLongValue();
                    OopHandle holder = handle;
                    boolean array = obj.isArray();
                    obj.iterate(new DefaultOopVisitor() {
                        @Override
                        public void doOop(OopField field, boolean isVMField) {
                            // Read at the holder's address plus the field's offset: the agent's own getter has no
                            // holder for a mirror's static fields.
                            OopHandle value = compressed ? holder.getCompOopHandleAt(field.getOffset())
                                    : holder.getOopHandleAt(field.getOffset());
                            if (value != null) {
                                visitor.visit(holderAddr, holderClass, array ? "[]" : field.getID().getName(),
                                        field.getOffset(), value);
                            }
                        }
                    }, false);
                    handle = handle.addOffsetToAsOopHandle(size);
                }
            } catch (RuntimeException e) {
                // An old region can hold dead objects of unloaded classes below its parsable bottom, and a
                // humongous region's continuation has no object at its bottom: the rest of that region is skipped.
                if (System.getenv("O2Y_TRACE") != null) {
                    System.err.println("region " + bottom + ": stopped at " + handle + ": " + e);
                }
            }
        }
        return totals;
    }

    private static String topTargets(Map<String, Long> targets) {
        StringBuilder sb = new StringBuilder();
        targets.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(3)
                .forEach(e -> sb.append(e.getKey()).append(' ').append(e.getValue()).append("; "));
        return sb.toString();
    }

    private static String name(Klass k) {
        return k == null ? "?" : k.getName().asString().replace('/', '.');
    }
}
