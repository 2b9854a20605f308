import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;

/**
 * A genuine Neo4j Community server, embedded, with Bolt on 127.0.0.1 only.
 *
 * Usage: java --class-path 'lib/*' EmbeddedNeo4j.java DATA_DIR BOLT_PORT [PAGE_CACHE_MB]
 *
 * Prints "NEO4J_READY <port>" once Bolt accepts connections. It stops (cleanly, through the
 * shutdown hook) on SIGTERM/SIGINT and also when its standard input closes, so that a parent
 * process that dies without cleaning up never leaves this JVM behind.
 */
public final class EmbeddedNeo4j {
    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: EmbeddedNeo4j DATA_DIR BOLT_PORT [PAGE_CACHE_MB]");
            System.exit(2);
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        int port = Integer.parseInt(args[1]);
        long pageCacheMb = args.length > 2 ? Long.parseLong(args[2]) : 256;

        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(HttpConnector.enabled, false)
                // Loopback only, so no password: the driver's credentials are accepted as given.
                .setConfig(GraphDatabaseSettings.auth_enabled, false)
                .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(pageCacheMb))
                .setConfig(GraphDatabaseSettings.shutdown_transaction_end_timeout, Duration.ofSeconds(5))
                .build();

        Thread hook = new Thread(() -> {
            System.out.println("NEO4J_STOPPING");
            dbms.shutdown();
            System.out.println("NEO4J_STOPPED");
        }, "neo4j-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);

        // Warm the default database so the first Bolt session does not wait for it.
        dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME).isAvailable(30_000);
        System.out.println("NEO4J_READY " + port);
        System.out.flush();

        InputStream in = System.in;
        try {
            while (in.read() != -1) {
                // The parent writes nothing; we only wait for the pipe to close.
            }
        } catch (IOException ignored) {
            // A broken pipe means the parent is gone as well.
        }
        System.exit(0);
    }
}
