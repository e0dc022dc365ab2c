import com.sun.tools.attach.VirtualMachine;

/**
 * --chat-asprof: loads async-profiler into a running lobby with its options (jcmd's JVMTI.agent_load did not hand
 * the options to the agent: "event must not be empty"). Run by the source launcher: java AsprofAttach.java PID LIB OPTIONS
 */
public class AsprofAttach {
    public static void main(String[] args) throws Exception {
        VirtualMachine vm = VirtualMachine.attach(args[0]);
        try {
            vm.loadAgentPath(args[1], args[2]);
        } finally {
            vm.detach();
        }
    }
}
