package selftest;

import io.quarkus.picocli.runtime.annotations.TopCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Self-test of the native-image toolchain: a Quarkus command-mode (picocli) application built native. */
@TopCommand
@Command(name = "hello", mixinStandardHelpOptions = true)
public class HelloCommand implements Runnable {
    @Option(names = {"-n", "--name"}, defaultValue = "world", description = "whom to greet")
    String name;

    @Override
    public void run() {
        System.out.println("hello " + name + " from quarkus command mode");
    }
}
