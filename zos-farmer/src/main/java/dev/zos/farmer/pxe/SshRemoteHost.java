package dev.zos.farmer.pxe;

import dev.zos.core.ZosException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.common.SecurityUtils;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.sftp.OpenMode;
import net.schmizz.sshj.sftp.RemoteFile;
import net.schmizz.sshj.sftp.SFTPClient;
import net.schmizz.sshj.sftp.Response;
import net.schmizz.sshj.sftp.SFTPException;
import net.schmizz.sshj.transport.verification.HostKeyVerifier;
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts;
import net.schmizz.sshj.userauth.keyprovider.KeyProvider;
import net.schmizz.sshj.userauth.password.PasswordFinder;
import net.schmizz.sshj.userauth.password.Resource;

/**
 * A {@link RemoteHost} over SSH (sshj): public-key login only, the host key checked against known_hosts
 * (or one fingerprint the farmer confirmed), commands and file writes as root — directly when logged in as
 * root, else through {@code sudo -n}, which must not ask for a password.
 */
public final class SshRemoteHost implements RemoteHost {
    private static final long COMMAND_TIMEOUT_MINUTES = 15;

    private final SSHClient ssh;
    private final SFTPClient sftp;
    private final SshTarget target;

    private SshRemoteHost(SSHClient ssh, SFTPClient sftp, SshTarget target) {
        this.ssh = ssh;
        this.sftp = sftp;
        this.target = target;
    }

    /** How to log in: the known_hosts file, an optional confirmed fingerprint, the private keys to offer. */
    public record Login(Path knownHosts, String acceptFingerprint, List<Path> identities, Function<String, String> passphrase) {
    }

    public static SshRemoteHost connect(SshTarget target, Login login) {
        SSHClient ssh = new SSHClient(new DefaultConfig());
        try {
            ssh.addHostKeyVerifier(verifier(target, login));
            ssh.setConnectTimeout(15_000);
            ssh.connect(target.host().replace("[", "").replace("]", ""), target.port());
        } catch (IOException e) {
            close(ssh);
            if (e.getCause() instanceof ZosException z) {
                throw z;
            }
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                if (root.getCause() instanceof ZosException z) {
                    throw z;
                }
                root = root.getCause();
            }
            throw ZosException.unavailable("cannot reach " + target + ": " + e.getMessage(), e);
        }
        try {
            List<KeyProvider> keys = new ArrayList<>();
            for (Path identity : login.identities()) {
                if (Files.isReadable(identity)) {
                    keys.add(ssh.loadKeys(identity.toString(), passwordFinder(identity, login.passphrase())));
                }
            }
            if (keys.isEmpty()) {
                throw ZosException.invalid("no SSH private key found (tried " + login.identities()
                        + "); pass one with --identity FILE");
            }
            ssh.authPublickey(target.user(), keys);
        } catch (IOException e) {
            close(ssh);
            throw ZosException.forbidden("SSH login as " + target + " refused: " + e.getMessage());
        } catch (RuntimeException e) {
            close(ssh);
            throw e;
        }
        try {
            return new SshRemoteHost(ssh, ssh.newSFTPClient(), target);
        } catch (IOException e) {
            close(ssh);
            throw ZosException.unavailable(target + " has no SFTP subsystem: " + e.getMessage(), e);
        }
    }

    private static HostKeyVerifier verifier(SshTarget target, Login login) throws IOException {
        HostKeyVerifier known = Files.exists(login.knownHosts()) ? new OpenSSHKnownHosts(login.knownHosts().toFile()) : null;
        return new HostKeyVerifier() {
            @Override
            public boolean verify(String hostname, int port, PublicKey key) {
                if (known != null && known.verify(hostname, port, key)) {
                    return true;
                }
                String fingerprint = SecurityUtils.getFingerprint(key);
                String sha256 = sha256Fingerprint(key);
                if (login.acceptFingerprint() != null
                        && (login.acceptFingerprint().equals(sha256) || login.acceptFingerprint().equals(fingerprint))) {
                    return true;
                }
                throw new IllegalStateException(new ZosException(ZosException.Kind.FORBIDDEN,
                        "host key of " + target + " is not in " + login.knownHosts() + " (" + key.getAlgorithm() + " "
                                + sha256 + "); check it with the host's owner, then add it (ssh-keyscan -p " + target.port()
                                + " " + target.host() + " >> " + login.knownHosts() + ") or pass --accept-host-key " + sha256));
            }

            @Override
            public List<String> findExistingAlgorithms(String hostname, int port) {
                return known == null ? List.of() : known.findExistingAlgorithms(hostname, port);
            }
        };
    }

    static String sha256Fingerprint(PublicKey key) {
        try {
            var buffer = new net.schmizz.sshj.common.Buffer.PlainBuffer().putPublicKey(key);
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(buffer.getCompactData());
            return "SHA256:" + java.util.Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PasswordFinder passwordFinder(Path identity, Function<String, String> passphrase) {
        return new PasswordFinder() {
            @Override
            public char[] reqPassword(Resource<?> resource) {
                return passphrase.apply("Passphrase for " + identity + ": ").toCharArray();
            }

            @Override
            public boolean shouldRetry(Resource<?> resource) {
                return false;
            }
        };
    }

    @Override
    public Exec run(String command) {
        String line = target.root() ? command : "sudo -n sh -c " + quote(command);
        try (Session session = ssh.startSession()) {
            Session.Command cmd = session.exec(line);
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> drain(cmd.getErrorStream()));
            String out = drain(cmd.getInputStream());
            cmd.join(COMMAND_TIMEOUT_MINUTES, TimeUnit.MINUTES);
            Integer status = cmd.getExitStatus();
            return new Exec(status == null ? -1 : status, out, err.join());
        } catch (IOException e) {
            throw ZosException.unavailable("command on " + target + " failed: " + e.getMessage(), e);
        }
    }

    private static String drain(InputStream in) {
        try (in) {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            in.transferTo(buffer);
            return buffer.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** A single-quoted shell word. */
    static String quote(String text) {
        return "'" + text.replace("'", "'\"'\"'") + "'";
    }

    @Override
    public Optional<byte[]> read(String path) {
        try (RemoteFile file = sftp.open(path, java.util.EnumSet.of(OpenMode.READ))) {
            long length = file.length();
            if (length > 16 << 20) {
                throw ZosException.invalid(path + " on " + target + " is too large to read (" + length + " bytes)");
            }
            byte[] content = new byte[(int) length];
            int done = 0;
            while (done < content.length) {
                int n = file.read(done, content, done, content.length - done);
                if (n < 0) {
                    break;
                }
                done += n;
            }
            return Optional.of(done == content.length ? content : java.util.Arrays.copyOf(content, done));
        } catch (SFTPException e) {
            if (e.getStatusCode() == Response.StatusCode.NO_SUCH_FILE) {
                return Optional.empty();
            }
            throw ZosException.unavailable("cannot read " + path + " on " + target + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw ZosException.unavailable("cannot read " + path + " on " + target + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void write(String path, byte[] content, int mode) {
        String staging = target.root() ? path + ".zos-farmer.tmp" : ".zos-farmer-" + Long.toHexString(System.nanoTime());
        try {
            try (RemoteFile file = sftp.open(staging, java.util.EnumSet.of(OpenMode.WRITE, OpenMode.CREAT, OpenMode.TRUNC))) {
                file.write(0, content, 0, content.length);
            }
            if (target.root()) {
                sftp.chmod(staging, mode);
                // SFTP v3's plain rename refuses an existing target; OpenSSH's extension is rename(2), atomic
                var engine = sftp.getSFTPEngine();
                engine.request(engine.newExtendedRequest("posix-rename@openssh.com").putString(staging).putString(path))
                        .retrieve(30, TimeUnit.SECONDS).ensureStatusPacketIsOK();
            } else {
                Exec moved = run("install -m " + Integer.toOctalString(mode) + " " + quote(staging) + " " + quote(path)
                        + " && rm -f " + quote(staging));
                if (!moved.ok()) {
                    throw ZosException.forbidden("cannot write " + path + " on " + target + " with sudo: " + moved.stderr().strip());
                }
            }
        } catch (IOException e) {
            throw ZosException.unavailable("cannot write " + path + " on " + target + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean delete(String path) {
        if (read(path).isEmpty()) {
            return false;
        }
        if (target.root()) {
            try {
                sftp.rm(path);
                return true;
            } catch (IOException e) {
                throw ZosException.unavailable("cannot remove " + path + " on " + target + ": " + e.getMessage(), e);
            }
        }
        Exec removed = run("rm -f " + quote(path));
        if (!removed.ok()) {
            throw ZosException.forbidden("cannot remove " + path + " on " + target + ": " + removed.stderr().strip());
        }
        return true;
    }

    @Override
    public void close() {
        try {
            sftp.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        close(ssh);
    }

    private static void close(SSHClient ssh) {
        try {
            ssh.disconnect();
        } catch (IOException ignored) {
            // nothing left to do
        }
    }
}
