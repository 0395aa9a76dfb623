package org.jincai.routes.bank;

import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.component.file.remote.RemoteFileOperations;
import org.apache.camel.component.file.remote.SftpEndpoint;
import org.apache.camel.component.file.remote.SftpRemoteFile;
import org.apache.camel.support.DefaultExchange;

/**
 * One SFTP session with a bank's server, opened exactly as the routes open theirs (the endpoint URI of
 * {@link SftpUris#bankSession}: host key checked, same credentials, same client), for the steps of an
 * upload the hub must see one by one: write the temporary file, rename it, and look where the bank can
 * show a file. Paths are relative to the login folder. Not thread-safe: one upload at a time.
 */
final class BankServer implements AutoCloseable {

    private final CamelContext camel;
    private final RemoteFileOperations<SftpRemoteFile> ops;

    private BankServer(CamelContext camel, RemoteFileOperations<SftpRemoteFile> ops) {
        this.camel = camel;
        this.ops = ops;
    }

    /** Logs in; a server that is down or refuses the login is a Camel {@code GenericFileOperationFailedException}. */
    static BankServer connect(CamelContext camel, String uri) {
        SftpEndpoint endpoint = camel.getEndpoint(uri, SftpEndpoint.class);
        RemoteFileOperations<SftpRemoteFile> ops = endpoint.createRemoteFileOperations();
        ops.connect(endpoint.getConfiguration(), new DefaultExchange(camel));
        return new BankServer(camel, ops);
    }

    /** The regular files in {@code folder} with their sizes, by name. */
    Map<String, Long> list(String folder) {
        Map<String, Long> files = new LinkedHashMap<>();
        for (SftpRemoteFile f : ops.listFiles(folder)) {
            if (!f.isDirectory() && !".".equals(f.getFilename()) && !"..".equals(f.getFilename())) {
                files.put(f.getFilename(), f.getFileLength());
            }
        }
        return files;
    }

    /** Writes {@code content} to {@code folder/name}, replacing a file of that name. */
    void put(String folder, String name, InputStream content, long size) {
        Exchange exchange = new DefaultExchange(camel);
        exchange.getIn().setBody(content);
        ops.storeFile(path(folder, name), exchange, size);
    }

    void rename(String folder, String from, String to) {
        ops.renameFile(path(folder, from), path(folder, to));
    }

    void delete(String folder, String name) {
        ops.deleteFile(path(folder, name));
    }

    @Override
    public void close() {
        ops.disconnect();
    }

    private static String path(String folder, String name) {
        String f = folder.replace('\\', '/');
        while (f.endsWith("/")) {
            f = f.substring(0, f.length() - 1);
        }
        return f.isEmpty() ? name : f + "/" + name;
    }
}
