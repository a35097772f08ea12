import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The {@code native-image} command of conmonj's native-toolchain: it translates the documented
 * native-image command line (the options Quarkus and users pass) into a run of the image builder
 * ({@code com.oracle.svm.hosted.NativeImageGeneratorRunner} from the Maven jars under
 * {@code lib/svm/builder}) on the JDK of this home, with the module and JVMCI options the builder needs.
 *
 * <p>Written for conmonj from the public native-image documentation (its options) and the builder's own
 * option declarations (the {@code -H:} names in the svm jar); it is not GraalVM's driver. Options it does
 * not know are reported and fail the build, never dropped silently.
 *
 * <p>System properties set by bin/native-image: {@code ni.version} (the builder's version, e.g. 25.0.2),
 * {@code ni.date} (its release date).
 */
public final class NativeImageLauncher {
    private static final String BUILDER_MODULE = "org.graalvm.nativeimage.builder";
    private static final String RUNNER = "com.oracle.svm.hosted.NativeImageGeneratorRunner";
    /** Builder modules that reach into the JDK's internals. */
    private static final String BUILDER_MODULES = String.join(",", BUILDER_MODULE, "org.graalvm.nativeimage.pointsto",
            "org.graalvm.nativeimage.base", "org.graalvm.nativeimage.objectfile", "jdk.graal.compiler",
            "org.graalvm.nativeimage.configure", "org.graalvm.truffle.compiler", "ALL-UNNAMED");
    private static final Map<String, String> CONFIG_FILES = Map.of(
            "reflect-config.json", "ReflectionConfigurationResources",
            "resource-config.json", "ResourceConfigurationResources",
            "jni-config.json", "JNIConfigurationResources",
            "proxy-config.json", "DynamicProxyConfigurationResources",
            "serialization-config.json", "SerializationConfigurationResources",
            "predefined-classes-config.json", "PredefinedClassesConfigurationResources",
            "reachability-metadata.json", "ReachabilityMetadataResources");

    private final Path home = Path.of(System.getProperty("java.home"));
    private final String version = System.getProperty("ni.version", "25.0.2");
    private final List<String> jvmOptions = new ArrayList<>();
    private final List<String> builderOptions = new ArrayList<>();
    private final List<String> classPath = new ArrayList<>();
    private final List<String> modulePath = new ArrayList<>();
    private final List<Pattern[]> excludedConfigs = new ArrayList<>();
    private final Set<Path> visitedArgFiles = new LinkedHashSet<>();
    private String mainClass;
    private String imageName;
    private String imagePath;
    private String jar;
    private boolean verbose;
    private boolean dryRun;

    public static void main(String[] args) throws Exception {
        System.exit(new NativeImageLauncher().run(List.of(args)));
    }

    private int run(List<String> rawArgs) throws Exception {
        List<String> args = expandArgFiles(rawArgs);
        if (args.contains("--version") || args.contains("-version")) {
            printVersion();
            return 0;
        }
        if (args.contains("--help") || args.contains("-h") || args.isEmpty()) {
            System.out.println("""
                    Usage: native-image [options] class [imagename]
                           native-image [options] -jar jarfile [imagename]
                    conmonj's native-image launcher: the documented native-image options are translated for the
                    image builder (com.oracle.svm.hosted.NativeImageGeneratorRunner); -H:/-R: options pass through.
                    See native-toolchain/README.md.""");
            return 0;
        }
        parse(args, "command line");
        List<String> positional = new ArrayList<>(pendingPositional);
        if (jar != null) {
            classPath.add(0, jar);
            if (mainClass == null) {
                mainClass = jarMainClass(jar);
            }
            if (!positional.isEmpty() && imageName == null) {
                imageName = positional.remove(0);
            }
            if (imageName == null) {
                imageName = Path.of(jar).getFileName().toString().replaceFirst("\\.jar$", "");
            }
        } else {
            if (!positional.isEmpty() && mainClass == null) {
                mainClass = positional.remove(0);
            }
            if (!positional.isEmpty() && imageName == null) {
                imageName = positional.remove(0);
            }
        }
        if (!positional.isEmpty()) {
            throw new IllegalArgumentException("unexpected arguments: " + positional);
        }
        applyEmbeddedConfiguration();
        return build();
    }

    private final List<String> pendingPositional = new ArrayList<>();

    private void printVersion() {
        String date = System.getProperty("ni.date", "2026-01-20");
        Runtime.Version jdk = Runtime.version();
        // The three lines GraalVM's native-image prints (tools such as Quarkus parse them); the last one
        // names what this really is.
        String vendorVersion = vendorVersion();
        System.out.println("native-image " + version + " " + date);
        System.out.println("GraalVM Runtime Environment " + vendorVersion + " (build " + jdk + "-jvmci-b01)");
        System.out.println("Substrate VM " + vendorVersion + " (build " + jdk + ", serial gc, conmonj native-toolchain on "
                + System.getProperty("java.vendor.version", "a JDK") + ")");
    }

    /** What a GraalVM JDK calls itself (its org.graalvm.vendorversion property), e.g. "GraalVM CE 25.0.2+9.1". */
    private String vendorVersion() {
        return "GraalVM CE " + version + "+" + Runtime.version().build().orElse(0) + ".1";
    }

    /** The java launcher's @argfile syntax: whitespace-separated, quotes group, # starts a comment line. */
    private List<String> expandArgFiles(List<String> args) throws IOException {
        List<String> out = new ArrayList<>();
        for (String arg : args) {
            if (arg.startsWith("@") && !arg.startsWith("@@")) {
                Path file = Path.of(arg.substring(1)).toAbsolutePath().normalize();
                if (!visitedArgFiles.add(file)) {
                    throw new IllegalArgumentException("recursive argument file " + file);
                }
                out.addAll(expandArgFiles(tokenize(Files.readString(file))));
            } else {
                out.add(arg.startsWith("@@") ? arg.substring(1) : arg);
            }
        }
        return out;
    }

    static List<String> tokenize(String text) {
        List<String> tokens = new ArrayList<>();
        StringBuilder current = null;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (c == '\\' && i + 1 < text.length()) {
                    char next = text.charAt(++i);
                    switch (next) {
                        case 'n' -> current.append('\n');
                        case 't' -> current.append('\t');
                        case 'r' -> current.append('\r');
                        case '\n' -> { }
                        default -> current.append(next);
                    }
                } else {
                    current.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                if (current == null) {
                    current = new StringBuilder();
                }
            } else if (Character.isWhitespace(c)) {
                if (current != null) {
                    tokens.add(current.toString());
                    current = null;
                }
            } else if (c == '#' && current == null && (i == 0 || text.charAt(i - 1) == '\n')) {
                while (i < text.length() && text.charAt(i) != '\n') {
                    i++;
                }
            } else {
                if (current == null) {
                    current = new StringBuilder();
                }
                current.append(c);
            }
        }
        if (current != null) {
            tokens.add(current.toString());
        }
        return tokens;
    }

    /** Translates native-image options; origin names where they come from (for messages). */
    private void parse(List<String> args, String origin) {
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : null;
            String name = value != null ? arg.substring(0, arg.indexOf('=')) : arg;
            switch (name) {
                case "-cp", "-classpath", "--class-path" -> classPath.addAll(split(value != null ? value : args.get(++i), ":"));
                case "-p", "--module-path" -> modulePath.addAll(split(value != null ? value : args.get(++i), ":"));
                case "-m", "--module" -> {
                    String module = value != null ? value : args.get(++i);
                    int slash = module.indexOf('/');
                    builderOptions.add("-H:Module=" + (slash < 0 ? module : module.substring(0, slash)));
                    if (slash >= 0) {
                        mainClass = module.substring(slash + 1);
                    }
                }
                case "-jar" -> jar = value != null ? value : args.get(++i);
                case "-o" -> setOutput(value != null ? value : args.get(++i));
                case "--no-fallback" -> builderOptions.add("-H:FallbackThreshold=0");
                case "--auto-fallback" -> builderOptions.add("-H:FallbackThreshold=5");
                case "--force-fallback" -> throw new IllegalArgumentException("--force-fallback: fallback images are not supported");
                case "--initialize-at-build-time" -> classInitialization(value, "build_time");
                case "--initialize-at-run-time" -> classInitialization(value, "run_time");
                case "--features" -> builderOptions.add("-H:Features=" + value);
                case "--enable-url-protocols" -> builderOptions.add("-H:EnableURLProtocols=" + value);
                case "--enable-http" -> builderOptions.add("-H:EnableURLProtocols=http");
                case "--enable-https" -> builderOptions.add("-H:EnableURLProtocols=https");
                case "--enable-all-security-services" -> builderOptions.add("-H:+EnableAllSecurityServices");
                case "--link-at-build-time" -> builderOptions.add("-H:LinkAtBuildTime=" + (value == null ? "" : value));
                case "--link-at-build-time-paths" -> builderOptions.add("-H:LinkAtBuildTimePaths=" + value);
                case "--report-unsupported-elements-at-runtime" -> builderOptions.add("-H:+ReportUnsupportedElementsAtRuntime");
                case "--allow-incomplete-classpath" -> builderOptions.add("-H:+AllowIncompleteClasspath");
                case "--install-exit-handlers" -> builderOptions.add("-H:+InstallExitHandlers");
                case "--enable-monitoring" -> builderOptions.add("-H:EnableMonitoringFeatures=" + (value == null ? "all" : value));
                case "--gc" -> builderOptions.add(switch (value) {
                    case "serial" -> "-H:+UseSerialGC";
                    case "epsilon" -> "-H:+UseEpsilonGC";
                    default -> throw new IllegalArgumentException("--gc=" + value + ": only serial and epsilon exist in this toolchain");
                });
                case "--static" -> builderOptions.add("-H:+StaticExecutable");
                case "--static-nolibc" -> builderOptions.addAll(List.of("-H:+StaticExecutable", "-H:+StaticExecutableWithDynamicLibC"));
                case "--libc" -> builderOptions.add("-H:UseLibC=" + value);
                case "--shared" -> builderOptions.add("-H:+SharedLibrary");
                case "--color" -> builderOptions.add("-H:Color=" + (value == null ? "always" : value));
                case "--enable-native-access" -> builderOptions.add("-H:EnableNativeAccess=" + value);
                case "--add-exports" -> builderOptions.add("-H:AddExports=" + (value != null ? value : args.get(++i)));
                case "--add-opens" -> builderOptions.add("-H:AddOpens=" + (value != null ? value : args.get(++i)));
                case "--add-reads" -> builderOptions.add("-H:AddReads=" + (value != null ? value : args.get(++i)));
                case "--trace-class-initialization" -> builderOptions.add("-H:TraceClassInitialization=" + value);
                case "--strict-image-heap" -> { } // the default since GraalVM 24: nothing to do
                case "--native-compiler-options" -> builderOptions.add("-H:CCompilerOption=" + value);
                case "--diagnostics-mode" -> builderOptions.add("-H:+DiagnosticsMode");
                case "--parallelism" -> builderOptions.add("-H:NumberOfThreads=" + value);
                case "--list-cpu-features" -> builderOptions.add("-H:+ListCPUFeatures");
                case "--enable-preview" -> jvmOptions.add("--enable-preview");
                case "--verbose" -> verbose = true;
                case "--dry-run" -> dryRun = true;
                case "--exclude-config" -> excludedConfigs.add(new Pattern[] {Pattern.compile(args.get(++i)), Pattern.compile(args.get(++i))});
                case "-g" -> builderOptions.add("-H:GenerateDebugInfo=1");
                default -> {
                    if (arg.startsWith("-H:") || arg.startsWith("-R:")) {
                        builderOptions.add(arg);
                    } else if (arg.startsWith("-J")) {
                        jvmOptions.add(arg.substring(2));
                    } else if (arg.startsWith("-D")) {
                        jvmOptions.add(arg);
                    } else if (arg.startsWith("-O")) {
                        builderOptions.add("-H:Optimize=" + arg.substring(2));
                    } else if (arg.startsWith("-march=")) {
                        builderOptions.add("-H:MicroArchitecture=" + arg.substring("-march=".length()));
                    } else if (arg.startsWith("-E")) {
                        // environment variables for the builder: it inherits this process's environment
                    } else if (arg.startsWith("-")) {
                        throw new IllegalArgumentException("native-image option not supported by this launcher (" + origin + "): " + arg);
                    } else {
                        pendingPositional.add(arg);
                    }
                }
            }
        }
    }

    private void classInitialization(String value, String when) {
        for (String name : value == null ? List.of("") : split(value, ",")) {
            builderOptions.add("-H:ClassInitialization=" + name + ":" + when);
        }
    }

    private void setOutput(String output) {
        Path out = Path.of(output);
        imageName = out.getFileName().toString();
        if (out.getParent() != null) {
            imagePath = out.getParent().toAbsolutePath().toString();
        }
    }

    private static List<String> split(String value, String separator) {
        List<String> parts = new ArrayList<>();
        for (String part : value.split(Pattern.quote(separator))) {
            if (!part.isEmpty()) {
                parts.add(part);
            }
        }
        return parts;
    }

    private String jarMainClass(String jarPath) throws IOException {
        try (JarFile jarFile = new JarFile(jarPath)) {
            var manifest = jarFile.getManifest();
            String main = manifest == null ? null : manifest.getMainAttributes().getValue("Main-Class");
            if (main == null) {
                throw new IllegalArgumentException(jarPath + " names no Main-Class");
            }
            String cp = manifest.getMainAttributes().getValue("Class-Path");
            if (cp != null) {
                Path dir = Path.of(jarPath).toAbsolutePath().getParent();
                for (String entry : cp.trim().split("\\s+")) {
                    classPath.add(dir.resolve(entry).toString());
                }
            }
            return main;
        }
    }

    /**
     * What the driver reads from the class path: META-INF/native-image/**&#47;native-image.properties (Args)
     * and the configuration files beside them, unless excluded with --exclude-config.
     */
    private void applyEmbeddedConfiguration() throws IOException {
        Set<String> configResources = new LinkedHashSet<>();
        for (String entry : List.copyOf(classPath)) {
            Path path = Path.of(entry);
            if (Files.isDirectory(path)) {
                Path root = path.resolve("META-INF/native-image");
                if (Files.isDirectory(root)) {
                    try (Stream<Path> files = Files.walk(root)) {
                        for (Path file : files.filter(Files::isRegularFile).toList()) {
                            String resource = path.relativize(file).toString();
                            embedded(entry, resource, () -> Files.newInputStream(file), configResources);
                        }
                    }
                }
            } else if (Files.isRegularFile(path) && entry.endsWith(".jar")) {
                try (JarFile jarFile = new JarFile(path.toFile())) {
                    for (Enumeration<JarEntry> e = jarFile.entries(); e.hasMoreElements();) {
                        JarEntry je = e.nextElement();
                        if (!je.isDirectory() && je.getName().startsWith("META-INF/native-image/")) {
                            embedded(entry, je.getName(), () -> jarFile.getInputStream(je), configResources);
                        }
                    }
                }
            }
        }
        for (String resource : configResources) {
            String file = resource.substring(resource.lastIndexOf('/') + 1);
            builderOptions.add(0, "-H:" + CONFIG_FILES.get(file) + "=" + resource);
        }
    }

    private interface Opener {
        InputStream open() throws IOException;
    }

    private void embedded(String entry, String resource, Opener opener, Set<String> configResources) throws IOException {
        for (Pattern[] exclude : excludedConfigs) {
            if (exclude[0].matcher(entry).find() && exclude[1].matcher("/" + resource).find()) {
                return;
            }
        }
        String file = resource.substring(resource.lastIndexOf('/') + 1);
        if (file.equals("native-image.properties")) {
            Properties properties = new Properties();
            try (InputStream in = opener.open()) {
                properties.load(in);
            }
            String argsValue = properties.getProperty("Args");
            if (argsValue != null) {
                String dir = resource.substring(0, resource.lastIndexOf('/'));
                parse(tokenize(argsValue.replace("${.}", dir)), entry + "!/" + resource);
            }
            String javaArgs = properties.getProperty("JavaArgs");
            if (javaArgs != null) {
                jvmOptions.addAll(tokenize(javaArgs));
            }
        } else if (CONFIG_FILES.containsKey(file)) {
            configResources.add(resource);
        }
    }

    private int build() throws IOException, InterruptedException {
        Path builderDir = home.resolve("lib/svm/builder");
        List<String> modules = new ArrayList<>();
        try (Stream<Path> jars = Files.list(builderDir)) {
            jars.filter(p -> p.toString().endsWith(".jar")).sorted().forEach(p -> modules.add(p.toString()));
        }
        Path clibraries = home.resolve("lib/svm/clibraries/linux-amd64");
        List<String> command = new ArrayList<>();
        command.add(home.resolve("bin/java").toString());
        command.addAll(List.of("-XX:+UnlockExperimentalVMOptions", "-XX:+EnableJVMCI", "-XX:-UseJVMCICompiler",
                "-XX:+UseParallelGC", "-Xss10m", "-Xmx5g", "-XX:-UsePerfData",
                "--enable-native-access=" + BUILDER_MODULE,
                "-Djava.awt.headless=true", "-Djdk.internal.lambda.disableEagerInitialization=true",
                "-Dorg.graalvm.nativeimage.imagecode=buildtime", "-Dorg.graalvm.version=" + version,
                "-Dorg.graalvm.vendorversion=" + vendorVersion(),
                "-Djava.system.class.loader=com.oracle.svm.hosted.NativeImageSystemClassLoader"));
        command.add("@" + home.resolve("lib/svm/builder-exports.args"));
        command.addAll(jvmOptions);
        command.add("--add-modules");
        command.add("ALL-DEFAULT");
        command.add("--upgrade-module-path");
        command.add(home.resolve("lib/jvmci/graal.jar").toString());
        command.add("--module-path");
        command.add(String.join(":", modules));
        command.add("--module");
        command.add(BUILDER_MODULE + "/" + RUNNER);
        if (!classPath.isEmpty()) {
            command.add("-imagecp");
            command.add(String.join(":", classPath.stream().map(p -> Path.of(p).toAbsolutePath().toString()).toList()));
        }
        if (!modulePath.isEmpty()) {
            command.add("-imagemp");
            command.add(String.join(":", modulePath.stream().map(p -> Path.of(p).toAbsolutePath().toString()).toList()));
        }
        command.add("-H:CLibraryPath=" + clibraries);
        command.add("-H:CLibraryPath=" + clibraries.resolve("glibc"));
        command.add("-H:ImageBuildID=" + UUID.randomUUID());
        command.add("-H:Path=" + (imagePath != null ? imagePath : Path.of("").toAbsolutePath()));
        if (mainClass != null && !builderOptions.contains("-H:+SharedLibrary")) {
            command.add("-H:Class=" + mainClass);
        }
        if (imageName != null) {
            command.add("-H:Name=" + imageName);
        } else if (mainClass != null) {
            command.add("-H:Name=" + mainClass.substring(mainClass.lastIndexOf('.') + 1).toLowerCase());
        }
        command.addAll(builderOptions);
        if (verbose || dryRun) {
            System.out.println("native-image launcher: " + String.join(" ", command));
        }
        if (dryRun) {
            return 0;
        }
        Process process = new ProcessBuilder(command).inheritIO().start();
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
        return process.waitFor();
    }

    static {
        // fail with the message only, not a stack trace, for what the user got wrong
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> {
            if (e instanceof IllegalArgumentException || e instanceof UncheckedIOException) {
                System.err.println("native-image: " + e.getMessage());
            } else {
                e.printStackTrace();
            }
            System.exit(1);
        });
    }
}
