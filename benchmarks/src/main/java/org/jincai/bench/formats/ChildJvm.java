package org.jincai.bench.formats;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the command line that runs one benchmark case, {@link BenchCase} with its arguments, in a
 * fresh JVM, so that every case has its own heap and its own peak RSS. {@code ./jincai bench formats}
 * runs the application jar:
 * {@code java -Xmx4g -cp hub-server/target/jincai.jar -Dloader.main=org.jincai.bench.formats.BenchCase
 * org.springframework.boot.loader.launch.PropertiesLauncher ARGS}; {@link #sameClasspath} runs it from
 * this JVM's class path (Maven, an IDE, a plain {@code java -cp}).
 */
@FunctionalInterface
public interface ChildJvm {

    /** The full command: program, JVM options, main class and {@code caseArgs}. */
    List<String> command(List<String> caseArgs);

    /** {@code java -Xmx<maxHeap> -cp <this JVM's class path> org.jincai.bench.formats.BenchCase ARGS}. */
    static ChildJvm sameClasspath(String maxHeap) {
        return args -> {
            List<String> cmd = new ArrayList<>();
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            cmd.add("-Xmx" + maxHeap);
            cmd.add("-cp");
            cmd.add(System.getProperty("java.class.path"));
            cmd.add(BenchCase.class.getName());
            cmd.addAll(args);
            return cmd;
        };
    }

    /** As {@link #sameClasspath(String)} with the 4 GB heap of the published figures. */
    static ChildJvm sameClasspath() {
        return sameClasspath("4g");
    }
}
