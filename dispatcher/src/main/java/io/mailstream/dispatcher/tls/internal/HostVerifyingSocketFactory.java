package io.mailstream.dispatcher.tls.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * An {@link SSLSocketFactory} that checks the server certificate against a fixed host name,
 * whatever address the socket was opened to. MX routing connects to the address it resolved
 * itself, but the certificate names the MX host (RFC 7672 §3.2.3 reasons the same way), so the
 * name is sent as SNI and verified with the JDK's endpoint identification (RFC 6125 rules).
 */
public final class HostVerifyingSocketFactory extends SSLSocketFactory {
    private final SSLSocketFactory delegate;
    private final String serverName;
    private final boolean identifyEndpoint;

    public HostVerifyingSocketFactory(SSLSocketFactory delegate, String serverName) {
        this(delegate, serverName, true);
    }

    /** @param identifyEndpoint false to send the name as SNI only, when the trust manager judges the name itself */
    public HostVerifyingSocketFactory(SSLSocketFactory delegate, String serverName, boolean identifyEndpoint) {
        this.delegate = delegate;
        this.serverName = serverName;
        this.identifyEndpoint = identifyEndpoint;
    }

    private Socket verifying(Socket s) {
        if (s instanceof SSLSocket ssl) {
            SSLParameters p = ssl.getSSLParameters();
            if (identifyEndpoint) {
                p.setEndpointIdentificationAlgorithm("HTTPS");
            }
            if (!isAddressLiteral(serverName)) {
                p.setServerNames(List.of(new SNIHostName(serverName)));
            }
            ssl.setSSLParameters(p);
        }
        return s;
    }

    private static boolean isAddressLiteral(String name) {
        return name.indexOf(':') >= 0 || name.chars().allMatch(c -> c == '.' || Character.isDigit(c));
    }

    @Override
    public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
        return verifying(delegate.createSocket(s, serverName, port, autoClose));
    }

    @Override
    public Socket createSocket() throws IOException {
        return verifying(delegate.createSocket());
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return verifying(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return verifying(delegate.createSocket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return verifying(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return verifying(delegate.createSocket(address, port, localAddress, localPort));
    }

    @Override
    public String[] getDefaultCipherSuites() {
        return delegate.getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return delegate.getSupportedCipherSuites();
    }
}
