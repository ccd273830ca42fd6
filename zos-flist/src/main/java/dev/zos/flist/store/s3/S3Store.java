package dev.zos.flist.store.s3;

import dev.zos.core.ZosException;
import dev.zos.flist.store.BlockStore;
import dev.zos.flist.store.StoreFactory;
import dev.zos.flist.store.StoreUrls;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.HexFormat;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * {@code s3://ACCESS:SECRET@host:port/bucket[?region=r]} (HTTP) and {@code s3s://…} (HTTPS): block {@code id} is
 * the object {@code hex(id)} in the bucket, path-style addressing, as rfs stores them. A bucket that does not
 * exist yet is created on the first write.
 */
public final class S3Store implements BlockStore {

    public static final StoreFactory FACTORY = S3StoreFactory.INSTANCE;

    private static final HexFormat HEX = HexFormat.of();

    private final String fullUrl;
    private final String url;
    private final S3Url target;
    private final S3Client client;

    public S3Store(String url) {
        this(url, Duration.ofSeconds(30));
    }

    public S3Store(String url, Duration timeout) {
        this.fullUrl = url;
        this.url = StoreUrls.stripPassword(url);
        this.target = S3Url.parse(url);
        this.client = S3Client.builder()
                .endpointOverride(target.endpoint())
                .region(Region.of(target.region()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(target.accessKey(), target.secretKey())))
                .forcePathStyle(true)
                // S3-compatible servers (MinIO, Ceph, s3proxy, Garage) vary in their support of the newer
                // flexible checksums: send and check them only where the API requires them
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClient(UrlConnectionHttpClient.builder().connectionTimeout(timeout).socketTimeout(timeout).build())
                .overrideConfiguration(o -> o.apiCallTimeout(timeout.multipliedBy(4)))
                .build();
    }

    public S3Url target() {
        return target;
    }

    private static String key(byte[] id) {
        return HEX.formatHex(id);
    }

    @Override
    public byte[] get(byte[] id) {
        try {
            ResponseBytes<GetObjectResponse> r = client.getObjectAsBytes(b -> b.bucket(target.bucket()).key(key(id)));
            return r.asByteArray();
        } catch (NoSuchKeyException e) {
            throw ZosException.notFound("block " + key(id) + " not found in store " + url);
        } catch (NoSuchBucketException e) {
            throw ZosException.notFound("block " + key(id) + " not found in store " + url + " (bucket '"
                    + target.bucket() + "' does not exist)");
        } catch (SdkException e) {
            throw failure("reading block " + key(id), e);
        }
    }

    @Override
    public void set(byte[] id, byte[] data, int off, int len) {
        // streamed straight from the caller's buffer, re-readable for the SDK's retries; the caller keeps the
        // buffer until this returns
        RequestBody body = RequestBody.fromContentProvider(() -> new ByteArrayInputStream(data, off, len), len,
                "application/octet-stream");
        try {
            try {
                client.putObject(b -> b.bucket(target.bucket()).key(key(id)), body);
            } catch (NoSuchBucketException e) {
                createBucket();
                client.putObject(b -> b.bucket(target.bucket()).key(key(id)), body);
            }
        } catch (SdkException e) {
            throw failure("writing block " + key(id), e);
        }
    }

    private void createBucket() {
        try {
            client.createBucket(b -> b.bucket(target.bucket()));
        } catch (BucketAlreadyOwnedByYouException e) {
            // created meanwhile by another writer
        } catch (S3Exception e) {
            if (!"BucketAlreadyOwnedByYou".equals(e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode())) {
                throw e;
            }
        }
    }

    @Override
    public boolean exists(byte[] id) {
        try {
            client.headObject(b -> b.bucket(target.bucket()).key(key(id)));
            return true;
        } catch (NoSuchKeyException | NoSuchBucketException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw failure("checking block " + key(id), e);
        } catch (SdkException e) {
            throw failure("checking block " + key(id), e);
        }
    }

    /** One clear error naming the store (never its secret). */
    private ZosException failure(String doing, SdkException e) {
        if (e instanceof S3Exception s3) {
            String code = s3.awsErrorDetails() == null ? null : s3.awsErrorDetails().errorCode();
            String detail = "HTTP " + s3.statusCode() + (code == null ? "" : " " + code);
            if (s3.statusCode() == 403 || s3.statusCode() == 401) {
                return ZosException.forbidden("store " + url + " denied access while " + doing + ": " + detail
                        + " (check the access key and secret in the store URL)");
            }
            return ZosException.unavailable("store " + url + " failed while " + doing + ": " + detail, e);
        }
        String why = e instanceof SdkClientException && e.getCause() != null ? e.getCause().toString() : e.getMessage();
        return ZosException.unavailable("store " + url + " is unavailable: " + why, e);
    }

    @Override
    public String url() {
        return url;
    }

    @Override
    public String fullUrl() {
        return fullUrl;
    }

    @Override
    public void close() {
        client.close();
    }
}
