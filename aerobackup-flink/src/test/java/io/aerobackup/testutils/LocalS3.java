package io.aerobackup.testutils;

import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.blobstore.options.ListContainerOptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A real S3-compatible server on loopback for a test class: S3Proxy over jclouds' in-memory ("transient")
 * store, with throwaway credentials generated per run (handed over as an environment, never printed) and
 * one bucket. Not the "filesystem" store: it takes about 10 s to delete each directory marker S3A removes
 * after a write.
 */
public final class LocalS3 implements BeforeAllCallback, AfterAllCallback {
    public static final String BUCKET = "backups";

    private final String accessKey = "test-" + UUID.randomUUID().toString().substring(0, 8);
    private final String secretKey = UUID.randomUUID().toString();
    private BlobStoreContext store;
    private S3Proxy proxy;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        store = ContextBuilder.newBuilder("transient").credentials(accessKey, secretKey)
                .build(BlobStoreContext.class);
        store.getBlobStore().createContainerInLocation(null, BUCKET);
        proxy = S3Proxy.builder().blobStore(store.getBlobStore()).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey).build();
        proxy.start();
        long deadline = System.currentTimeMillis() + 10_000;
        while (!"STARTED".equals(proxy.getState()) && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (proxy != null) {
            proxy.stop();
        }
        if (store != null) {
            store.close();
        }
    }

    public String endpoint() {
        return "http://127.0.0.1:" + proxy.getPort();
    }

    /** {@code s3://backups/<path>}. */
    public String uri(String path) {
        return "s3://" + BUCKET + "/" + path;
    }

    /** The environment of a user with this server's credentials. */
    public Map<String, String> environment() {
        return Map.of("AWS_ACCESS_KEY_ID", accessKey, "AWS_SECRET_ACCESS_KEY", secretKey);
    }

    /** The options naming the endpoint, as a user of an S3-compatible store passes them. */
    public List<String> flinkOptions() {
        return List.of("-Ds3.endpoint=" + endpoint(), "-Ds3.path.style.access=true");
    }

    public boolean bucketExists(String bucket) {
        return store.getBlobStore().containerExists(bucket);
    }

    /** Whether any object of the bucket has a key starting with this prefix. */
    public boolean holdsAnythingUnder(String prefix) {
        return store.getBlobStore().list(BUCKET, ListContainerOptions.Builder.prefix(prefix).recursive()).size() > 0;
    }
}
