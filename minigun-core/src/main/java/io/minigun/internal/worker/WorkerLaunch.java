package io.minigun.internal.worker;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * How a worker JVM reaches {@link WorkerMain}: the way this JVM reached its own code, so a worker runs the same
 * classes from the same place.
 *
 * <ul>
 *   <li><b>Class path</b> ({@code java -cp ...}, an IDE, {@code spring-boot:run}, and {@code java -jar} of a jar whose
 *       manifest {@code Class-Path} lists the libraries, such as Spring Boot's extracted layout): {@code WorkerMain} is
 *       on the system class path, and the worker gets the same {@code -cp}.</li>
 *   <li><b>Spring Boot launcher</b> ({@code java -jar app.jar} of an executable jar with nested jars, or
 *       {@code java -cp exploded/ ...JarLauncher} of an unpacked one): the classes are in
 *       {@code BOOT-INF/classes} and {@code BOOT-INF/lib/*.jar}, which only Boot's launcher can load. The worker
 *       starts from the same jar or directory with Boot's {@code PropertiesLauncher}, told to run
 *       {@code WorkerMain} with {@code -Dloader.main}; the parent's other {@code loader.*} settings (such as
 *       {@code loader.path}) are passed on.</li>
 * </ul>
 *
 * <p>Detected by class and property names only: the core has no dependency on Spring Boot's loader.
 */
final class WorkerLaunch {
    static final String WORKER_MAIN = WorkerMain.class.getName();
    /** Spring Boot 3.2 and later, then the older loader's. */
    static final List<String> BOOT_LAUNCHERS = List.of("org.springframework.boot.loader.launch.PropertiesLauncher",
            "org.springframework.boot.loader.PropertiesLauncher");
    private static final String LOADER_MAIN = "loader.main";

    private static volatile WorkerLaunch current;

    private final String description;
    private final List<String> arguments;

    private WorkerLaunch(String description, List<String> arguments) {
        this.description = description;
        this.arguments = List.copyOf(arguments);
    }

    /** How this JVM starts its workers; found once. */
    static WorkerLaunch current() {
        WorkerLaunch launch = current;
        if (launch == null) {
            launch = detect(ClassLoader.getSystemClassLoader(), System.getProperties());
            current = launch;
        }
        return launch;
    }

    /**
     * The launch for a JVM whose system class loader is {@code system} and whose system properties are
     * {@code properties} ({@code java.class.path}, {@code user.dir}, {@code loader.*}, {@code sun.java.command}).
     *
     * @throws IllegalStateException when neither the class path nor a Spring Boot launcher can start a worker
     */
    static WorkerLaunch detect(ClassLoader system, Properties properties) {
        String classPath = absoluteClassPath(properties.getProperty("java.class.path", ""),
                properties.getProperty("user.dir", ""));
        if (system.getResource(resourceName(WORKER_MAIN)) != null) {
            String[] entries = classPath.split(File.pathSeparator);
            return new WorkerLaunch("class path " + (entries.length == 1 ? classPath : "of " + entries.length
                    + " entries"), List.of("-cp", classPath, WORKER_MAIN));
        }
        for (String launcher : BOOT_LAUNCHERS) {
            if (system.getResource(resourceName(launcher)) != null) {
                List<String> arguments = new ArrayList<>();
                // the parent's own loader settings (loader.path, loader.home, ...) but not its main class
                Map<String, String> loader = new TreeMap<>();
                for (String name : properties.stringPropertyNames()) {
                    if (name.startsWith("loader.") && !name.equals(LOADER_MAIN)) {
                        loader.put(name, properties.getProperty(name));
                    }
                }
                loader.forEach((name, value) -> arguments.add("-D" + name + "=" + value));
                arguments.add("-D" + LOADER_MAIN + "=" + WORKER_MAIN);
                arguments.add("-cp");
                arguments.add(classPath);
                arguments.add(launcher);
                return new WorkerLaunch("Spring Boot " + launcher.substring(launcher.lastIndexOf('.') + 1)
                        + " of " + classPath, arguments);
            }
        }
        throw new IllegalStateException("PROCESS worker JVMs cannot be started from this JVM: " + WORKER_MAIN
                + " is not on its class path (java.class.path=" + properties.getProperty("java.class.path")
                + ", started as: " + properties.getProperty("sun.java.command") + ") and no Spring Boot launcher ("
                + String.join(" or ", BOOT_LAUNCHERS) + ") is either. Start the application from a class path "
                + "that holds minigun-core, from a Spring Boot executable jar (java -jar) or from an unpacked one "
                + "(java -cp <dir> org.springframework.boot.loader.launch.JarLauncher)");
    }

    /** What a worker's command line holds after the JVM options: the class path and the main class. */
    List<String> arguments() {
        return arguments;
    }

    /** How workers start, for messages: the class path, or the Spring Boot launcher and its jar or directory. */
    String description() {
        return description;
    }

    @Override
    public String toString() {
        return description;
    }

    private static String resourceName(String className) {
        return className.replace('.', '/') + ".class";
    }

    /** The class path with each relative entry resolved against the working directory. */
    static String absoluteClassPath(String classPath, String userDir) {
        if (classPath.isEmpty()) {
            return userDir.isEmpty() ? "." : userDir;
        }
        List<String> entries = new ArrayList<>();
        for (String entry : classPath.split(File.pathSeparator, -1)) {
            if (entry.isEmpty()) {
                entry = ".";
            }
            Path path = Path.of(entry);
            entries.add(path.isAbsolute() || userDir.isEmpty() ? entry
                    : Path.of(userDir).resolve(path).normalize().toString());
        }
        return String.join(File.pathSeparator, entries);
    }
}
