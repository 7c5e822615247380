package io.anomalyhunter.nativeimage;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.jar.JarFile;
import java.util.stream.Collectors;

/**
 * Writes the native-image configuration for the JNI/JNA libraries (there is no tracing agent for the
 * builder used here, and a hand-kept list goes stale with every library update). It lists, from the
 * libraries' own jars: the JNI surface of JNA, ONNX Runtime and java-llama.cpp, and for JNA users (OSHI on
 * Linux, Pcap4J) every Structure/Library/Callback/NativeMapped/PointerType type, which JNA reaches by
 * reflection and dynamic proxies. Run {@code main} after a library update; {@code NativeConfigTest} fails
 * while the committed files differ from what this produces.
 */
public final class NativeConfigGenerator {
    /** Where the committed files live (a native-image.properties beside them carries the build arguments). */
    public static final Path DIR = Path.of("src/main/resources/META-INF/native-image/io.anomalyhunter/anomaly-hunter");

    /** Packages (as jar paths) whose JNA types OSHI on Linux and Pcap4J use. */
    private static final List<String> JNA_USER_PACKAGES = List.of("com/sun/jna/", "com/sun/jna/ptr/",
            "com/sun/jna/platform/", "com/sun/jna/platform/linux/", "com/sun/jna/platform/unix/",
            "oshi/jna/", "oshi/jna/common/", "oshi/jna/platform/", "oshi/jna/platform/linux/",
            "oshi/jna/platform/unix/", "oshi/jna/util/", "org/pcap4j/core/");

    private static final List<String> JNA_SUPERTYPES = List.of("com.sun.jna.Structure", "com.sun.jna.Library",
            "com.sun.jna.Callback", "com.sun.jna.NativeMapped", "com.sun.jna.PointerType",
            "com.sun.jna.Structure$ByReference", "com.sun.jna.Structure$ByValue", "com.sun.jna.ptr.ByReference");

    /** Types in those packages that belong to other systems or to desktops, never loaded on a Linux server. */
    private static final java.util.regex.Pattern OTHER_PLATFORMS = java.util.regex.Pattern.compile(
            ".*(X11|Cups|Aix|Bsd|Solaris|Win|NativePacketDll|Nvml).*");

    /** Our own JNA direct mappings (Native.register): their native methods are bound through JNI RegisterNatives. */
    private static final List<String> OWN_DIRECT_MAPPINGS = List.of("io.anomalyhunter.collect.net.PcapFile$Lib",
            "io.anomalyhunter.NativeHeap$Libc");

    /** JDK types the native sides of JNA, ONNX Runtime and java-llama.cpp look up through JNI. */
    private static final List<String> JDK_JNI_FULL = List.of("java.lang.Boolean", "java.lang.Byte",
            "java.lang.Character", "java.lang.Short", "java.lang.Integer", "java.lang.Long", "java.lang.Float",
            "java.lang.Double", "java.lang.Void", "java.lang.String", "java.lang.Object", "java.lang.Enum",
            "java.nio.Buffer", "java.nio.ByteBuffer", "java.nio.CharBuffer", "java.nio.ShortBuffer",
            "java.nio.IntBuffer", "java.nio.LongBuffer", "java.nio.FloatBuffer", "java.nio.DoubleBuffer",
            "java.nio.charset.StandardCharsets", "java.util.ArrayList", "java.util.HashMap", "java.util.List",
            "java.util.Map", "java.util.Map$Entry", "java.util.Set", "java.util.Iterator", "java.util.Collection",
            "java.util.function.BiConsumer", "java.util.function.Consumer");
    private static final List<String> JDK_JNI_EXCEPTIONS = List.of("java.lang.Throwable", "java.lang.Exception",
            "java.lang.RuntimeException", "java.lang.Error", "java.lang.UnsatisfiedLinkError",
            "java.lang.IllegalArgumentException", "java.lang.IllegalStateException",
            "java.lang.NullPointerException", "java.lang.OutOfMemoryError", "java.lang.UnsupportedOperationException",
            "java.lang.IndexOutOfBoundsException", "java.lang.ArrayIndexOutOfBoundsException",
            "java.lang.reflect.UndeclaredThrowableException");

    private NativeConfigGenerator() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = args.length > 0 ? Path.of(args[0]) : DIR;
        Files.createDirectories(dir);
        for (Map.Entry<String, String> f : generate().entrySet()) {
            Files.writeString(dir.resolve(f.getKey()), f.getValue());
            System.out.println("wrote " + dir.resolve(f.getKey()));
        }
    }

    /** File name to content, for every file this generator owns. */
    public static Map<String, String> generate() throws IOException {
        ClassLoader loader = NativeConfigGenerator.class.getClassLoader();
        Set<String> jnaCore = classesIn(jarOf("com.sun.jna.Native"), p -> p.equals("com/sun/jna/") || p.equals("com/sun/jna/ptr/"));
        Set<String> jnaUsers = new TreeSet<>();
        for (String marker : List.of("com.sun.jna.Native", "com.sun.jna.platform.linux.Udev", "oshi.SystemInfo",
                "org.pcap4j.core.Pcaps")) {
            for (String name : classesIn(jarOf(marker), JNA_USER_PACKAGES::contains)) {
                Class<?> c = load(loader, name);
                if (c != null && (isJnaType(loader, c) || hasNativeMethods(c)) && !OTHER_PLATFORMS.matcher(name).matches()) {
                    jnaUsers.add(name);
                }
            }
        }
        Set<String> onnx = classesIn(jarOf("ai.onnxruntime.OrtEnvironment"), p -> p.startsWith("ai/onnxruntime/"));
        Set<String> llama = classesIn(jarOf("de.kherud.llama.LlamaModel"), p -> p.startsWith("de/kherud/llama/"));

        ArrayNode jni = JsonNodeFactory.instance.arrayNode();
        ArrayNode reflect = JsonNodeFactory.instance.arrayNode();
        for (String name : jnaCore) {
            jni.add(name.equals("com.sun.jna.Native") ? nativeClass(loader) : full(name));
            reflect.add(name.equals("com.sun.jna.Native") ? nativeClass(loader) : full(name));
        }
        for (String name : jnaUsers) {
            if (!jnaCore.contains(name)) {
                reflect.add(full(name));
                Class<?> c = load(loader, name);
                if (isA(loader, c, "com.sun.jna.Callback") || hasNativeMethods(c)) {
                    jni.add(full(name));
                }
            }
        }
        for (String name : OWN_DIRECT_MAPPINGS) {
            jni.add(full(name));
            reflect.add(full(name));
        }
        // docker-java's UnixSocket finds the JDK's unix-domain socket address by reflection (else it falls back to JNA).
        reflect.add(JsonNodeFactory.instance.objectNode().put("name", "java.net.UnixDomainSocketAddress").set("methods",
                JsonNodeFactory.instance.arrayNode().add(method("of", "java.lang.String"))));
        onnx.forEach(n -> jni.add(full(n)));
        llama.forEach(n -> jni.add(full(n)));
        JDK_JNI_FULL.forEach(n -> jni.add(full(n)));
        JDK_JNI_EXCEPTIONS.forEach(n -> jni.add(constructors(n)));
        jni.add(methods("java.lang.Class", "getComponentType", "getName"));
        jni.add(methods("java.lang.reflect.Method", "getReturnType", "getParameterTypes", "getName"));
        jni.add(JsonNodeFactory.instance.objectNode().put("name", "java.lang.System").set("methods",
                JsonNodeFactory.instance.arrayNode().add(method("getProperty", "java.lang.String"))));

        ArrayNode proxies = JsonNodeFactory.instance.arrayNode();
        for (String name : jnaUsers) {
            Class<?> c = load(loader, name);
            if (c.isInterface() && isA(loader, c, "com.sun.jna.Library") && !name.equals("com.sun.jna.Library")) {
                proxies.add(JsonNodeFactory.instance.objectNode().set("interfaces",
                        JsonNodeFactory.instance.arrayNode().add(name)));
            }
        }
        ObjectNode resources = JsonNodeFactory.instance.objectNode();
        resources.putObject("resources").putArray("includes").addObject().put("pattern", "oshi[^/]*\\.properties");
        resources.putArray("bundles");

        Map<String, String> files = new LinkedHashMap<>();
        files.put("jni-config.json", json(jni));
        files.put("reflect-config.json", json(reflect));
        files.put("proxy-config.json", json(proxies));
        files.put("resource-config.json", json(resources));
        return files;
    }

    private static boolean isJnaType(ClassLoader loader, Class<?> c) {
        return JNA_SUPERTYPES.stream().anyMatch(t -> isA(loader, c, t));
    }

    /** JNA direct mapping (Native.register) binds a class's native methods through JNI RegisterNatives. */
    private static boolean hasNativeMethods(Class<?> c) {
        try {
            return Arrays.stream(c.getDeclaredMethods()).anyMatch(m -> java.lang.reflect.Modifier.isNative(m.getModifiers()));
        } catch (LinkageError e) {
            return false;
        }
    }

    private static boolean isA(ClassLoader loader, Class<?> c, String type) {
        Class<?> t = load(loader, type);
        return c != null && t != null && t.isAssignableFrom(c);
    }

    private static Class<?> load(ClassLoader loader, String name) {
        try {
            return Class.forName(name, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            return null; // refers to something absent here (another platform's optional API): not ours to register
        }
    }

    private static Path jarOf(String className) throws IOException {
        try {
            return Path.of(Class.forName(className, false, NativeConfigGenerator.class.getClassLoader())
                    .getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (ClassNotFoundException | URISyntaxException e) {
            throw new IOException("cannot find the jar of " + className, e);
        }
    }

    /** Class names in the jar whose package directory (with trailing slash) passes the filter, sorted. */
    private static Set<String> classesIn(Path jar, Predicate<String> packageDir) throws IOException {
        try (JarFile j = new JarFile(jar.toFile())) {
            return j.stream().map(e -> e.getName())
                    .filter(n -> n.endsWith(".class") && !n.endsWith("module-info.class") && !n.startsWith("META-INF/"))
                    .filter(n -> packageDir.test(n.substring(0, n.lastIndexOf('/') + 1)))
                    .map(n -> n.substring(0, n.length() - ".class".length()).replace('/', '.'))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static ObjectNode full(String name) {
        ObjectNode o = JsonNodeFactory.instance.objectNode().put("name", name);
        for (String k : List.of("allDeclaredFields", "allPublicFields", "allDeclaredConstructors",
                "allPublicConstructors", "allDeclaredMethods", "allPublicMethods")) {
            o.put(k, true);
        }
        return o;
    }

    private static ObjectNode constructors(String name) {
        return JsonNodeFactory.instance.objectNode().put("name", name).put("allDeclaredConstructors", true)
                .put("allPublicConstructors", true);
    }

    private static ObjectNode methods(String name, String... methodNames) {
        ObjectNode o = JsonNodeFactory.instance.objectNode().put("name", name);
        ArrayNode list = o.putArray("methods");
        for (String m : methodNames) {
            list.add(method(m));
        }
        return o;
    }

    private static ObjectNode method(String name, String... parameterTypes) {
        ObjectNode m = JsonNodeFactory.instance.objectNode().put("name", name);
        ArrayNode p = m.putArray("parameterTypes");
        Arrays.stream(parameterTypes).forEach(p::add);
        return m;
    }

    /**
     * JNA's Native with every method but those whose signature mentions AWT: registering
     * {@code getWindowID(java.awt.Window)} and friends would pull AWT into the executable.
     */
    private static ObjectNode nativeClass(ClassLoader loader) {
        ObjectNode o = JsonNodeFactory.instance.objectNode().put("name", "com.sun.jna.Native")
                .put("allDeclaredFields", true).put("allDeclaredConstructors", true);
        List<ObjectNode> list = new ArrayList<>();
        for (Method m : load(loader, "com.sun.jna.Native").getDeclaredMethods()) {
            List<Class<?>> types = new ArrayList<>(Arrays.asList(m.getParameterTypes()));
            types.add(m.getReturnType());
            if (types.stream().noneMatch(t -> t.getName().startsWith("java.awt."))) {
                list.add(method(m.getName(), Arrays.stream(m.getParameterTypes()).map(Class::getTypeName)
                        .toArray(String[]::new)));
            }
        }
        list.sort((a, b) -> a.toString().compareTo(b.toString()));
        ArrayNode methods = o.putArray("methods");
        list.forEach(methods::add);
        return o;
    }

    private static String json(Object tree) throws IOException {
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter().withArrayIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE);
        return new ObjectMapper().writer(printer).writeValueAsString(tree).replace("\r\n", "\n") + "\n";
    }
}
