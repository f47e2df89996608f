package org.sipanalyzer.cli;

import java.io.PrintStream;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;
import org.sipanalyzer.analysis.StopSignal;

/**
 * Ctrl-C and {@code kill} end the input, not the report: the first SIGINT or SIGTERM stops the reading where it is
 * and the report of everything read is written in full (saying where it stopped); a second quits at once, with exit
 * status 130. Installed by {@link Main#main} only: tests that run the command line in their own JVM keep its
 * signals. Through {@code sun.misc.Signal} (module jdk.unsupported), reached reflectively so that the build has no
 * warning about it; where it is missing, signals keep the JVM's default behaviour.
 */
final class Signals {

    private static volatile StopSignal stop = new StopSignal();
    private static final AtomicInteger RECEIVED = new AtomicInteger();

    private Signals() {
    }

    /** The stop the running analysis obeys (a fresh one, never requested, when no handler is installed). */
    static StopSignal stop() {
        return stop;
    }

    /** A new stop for a run that may also stop itself (listen --duration): signals from now on request it. */
    static StopSignal fresh() {
        StopSignal s = new StopSignal();
        stop = s;
        return s;
    }

    /** Handles SIGINT and SIGTERM from now on; a note goes to {@code err} at the first. */
    static void install(PrintStream err) {
        try {
            Class<?> signal = Class.forName("sun.misc.Signal");
            Class<?> handler = Class.forName("sun.misc.SignalHandler");
            for (String name : new String[] {"INT", "TERM"}) {
                Object s = signal.getConstructor(String.class).newInstance(name);
                InvocationHandler h = (proxy, method, args) -> {
                    if (method.getName().equals("handle")) {
                        received("SIG" + name, err);
                        return null;
                    }
                    return switch (method.getName()) {
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        case "toString" -> "sip-analyzer signal handler";
                        default -> null;
                    };
                };
                Object proxy = Proxy.newProxyInstance(Signals.class.getClassLoader(), new Class<?>[] {handler}, h);
                signal.getMethod("handle", signal, handler).invoke(null, s, proxy);
            }
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            // No sun.misc.Signal on this JVM: Ctrl-C ends the run as it always did.
        }
    }

    private static void received(String name, PrintStream err) {
        if (RECEIVED.incrementAndGet() > 1) {
            Runtime.getRuntime().halt(130);
        }
        err.println(Main.PROGRAM + ": " + name + ": the input ends here; the report of what was read follows"
                + " (send it again to quit at once)");
        err.flush();
        stop.request(name);
    }
}
