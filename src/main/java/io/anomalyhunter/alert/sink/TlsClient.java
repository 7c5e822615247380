package io.anomalyhunter.alert.sink;

import io.anomalyhunter.config.AlertsConfig;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS on a connected socket for syslog and SMTP STARTTLS: the certificate chain is checked (against the
 * destination's CA file or the JDK's CAs) and, unless turned off, the certificate must name the host we dialled,
 * as HTTPS clients check it. Without that, anyone on the path with any valid certificate could read the alerts.
 */
final class TlsClient {
    private final AlertsConfig.Tls tls;
    private volatile SSLSocketFactory factory;

    TlsClient(AlertsConfig.Tls tls) {
        this.tls = tls;
    }

    /** Wraps {@code plain} (already connected to host:port) and completes the handshake. */
    SSLSocket wrap(Socket plain, String host, int port) throws IOException {
        SSLSocket s = (SSLSocket) factory().createSocket(plain, host, port, true);
        if (tls.verifyHostname()) {
            SSLParameters p = s.getSSLParameters();
            p.setEndpointIdentificationAlgorithm("HTTPS");
            s.setSSLParameters(p);
        }
        try {
            s.startHandshake();
        } catch (SSLException e) {
            throw new SSLException("TLS with " + host + ":" + port + " refused: " + e.getMessage()
                    + (tls.verifyHostname() ? " (the certificate must name '" + host + "'; see tls_ca_file and "
                    + "tls_verify_hostname)" : ""), e);
        }
        return s;
    }

    private SSLSocketFactory factory() throws IOException {
        SSLSocketFactory f = factory;
        if (f == null) {
            f = tls.caFile().isEmpty() ? (SSLSocketFactory) SSLSocketFactory.getDefault() : fromCaFile();
            factory = f;
        }
        return f;
    }

    private SSLSocketFactory fromCaFile() throws IOException {
        try (InputStream in = Files.newInputStream(tls.caFile().get())) {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            int i = 0;
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trusted.setCertificateEntry("ca-" + i++, c);
            }
            if (i == 0) {
                throw new IOException("tls_ca_file " + tls.caFile().get() + " holds no PEM certificate");
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trusted);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx.getSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new IOException("tls_ca_file " + tls.caFile().get() + ": " + e.getMessage(), e);
        }
    }
}
