package dev.zos.flist.store.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The node image leaves the AWS SDK out: the stores must still load, and an s3:// URL must fail in one clear line. */
class S3StoreFactoryTest {

    /** The test's class path, with every AWS SDK class hidden. */
    static final class WithoutAwsSdk extends URLClassLoader {
        WithoutAwsSdk() throws Exception {
            super(classPath(), ClassLoader.getPlatformClassLoader());
        }

        private static URL[] classPath() throws Exception {
            List<URL> urls = new ArrayList<>();
            for (String p : System.getProperty("java.class.path").split(File.pathSeparator)) {
                urls.add(new File(p).toURI().toURL());
            }
            return urls.toArray(URL[]::new);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith("software.amazon.")) {
                throw new ClassNotFoundException(name);
            }
            return super.loadClass(name, resolve);
        }
    }

    @Test
    void storesLoadWithoutTheSdkAndAnS3UrlSaysWhatIsMissing() throws Exception {
        try (var loader = new WithoutAwsSdk()) {
            Class<?> stores = loader.loadClass("dev.zos.flist.store.Stores");
            Object defaults = stores.getMethod("defaults").invoke(null);
            @SuppressWarnings("unchecked")
            List<String> schemes = (List<String>) stores.getMethod("schemes").invoke(defaults);
            assertThat(schemes).contains("dir", "s3", "zdb");
            var open = stores.getMethod("open", String.class);
            Throwable thrown = null;
            try {
                open.invoke(defaults, "s3://key:secret@127.0.0.1:9/bucket");
            } catch (InvocationTargetException e) {
                thrown = e.getCause();
            }
            assertThat(thrown).isNotNull();
            assertThat(thrown.getClass().getName()).isEqualTo("dev.zos.core.ZosException");
            assertThat(thrown.getMessage()).startsWith("s3:// stores need the AWS SDK, which this build of the program leaves out")
                    .doesNotContain("secret");
        }
    }
}
