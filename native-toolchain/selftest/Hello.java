/** Self-test of the native-image toolchain: a plain Java program built native (see ../selftest.sh). */
public class Hello {
    public static void main(String[] args) {
        System.out.println("hello native " + String.join(" ", args) + " " + System.getProperty("java.vendor.version", ""));
    }
}
