import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

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
 * Usage: java --class-path 'lib/*' EmbeddedNeo4j.java DATA_DIR BOLT_PORT [PAGE_CACHE_MB [TX_MEMORY_MB]]
 *
 * Authentication is on: the password of the user "neo4j" is set to the value of the environment
 * variable EMBEDDED_NEO4J_PASSWORD at every start (the service generates it into the data folder),
 * so that no other local process can read or write the graph without it; a restart by the
 * service's supervisor (EMBEDDED_NEO4J_PASSWORD_SET=1) skips this, as it is set already. One transaction may
 * use at most TX_MEMORY_MB of heap (default 128): a runaway query fails instead of starving the
 * others.
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
        long txMemoryMb = args.length > 3 ? Long.parseLong(args[3]) : 128;
        String password = System.getenv("EMBEDDED_NEO4J_PASSWORD");
        if (password == null || password.length() < 16) {
            System.err.println("EMBEDDED_NEO4J_PASSWORD must hold a password of at least 16 characters");
            System.exit(2);
        }

        // How long each phase of the start took (ms), printed before NEO4J_READY: the JVM up to
        // here, the DBMS (store recovery after a crash included), the password, the database.
        long jvmMs = ManagementFactory.getRuntimeMXBean().getUptime();
        long t0 = System.nanoTime();
        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(HttpConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(pageCacheMb))
                .setConfig(GraphDatabaseSettings.memory_transaction_max_size, ByteUnit.mebiBytes(txMemoryMb))
                .setConfig(GraphDatabaseSettings.shutdown_transaction_end_timeout, Duration.ofSeconds(5))
                .build();

        long t1 = System.nanoTime();

        Thread hook = new Thread(() -> {
            System.out.println("NEO4J_STOPPING");
            dbms.shutdown();
            System.out.println("NEO4J_STOPPED");
        }, "neo4j-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);

        // The embedded API is not subject to authentication: it sets the password before anyone
        // is told the server is ready (a client that raced in with the factory password could
        // only have changed it, and this overwrites that).
        // On a later start the password is usually the same already, which Neo4j refuses to "change".
        // A restart by the service's supervisor (EMBEDDED_NEO4J_PASSWORD_SET=1) skips it: this
        // process set it on this data at its first start, and the statement costs seconds of a
        // cold Cypher planner on a busy machine.
        boolean alreadySet = "1".equals(System.getenv("EMBEDDED_NEO4J_PASSWORD_SET"));
        if (!alreadySet) {
            try {
                dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME).executeTransactionally(
                        "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED", Map.of("password", password));
            } catch (RuntimeException e) {
                if (!String.valueOf(e.getMessage()).contains("cannot be the same")) {
                    System.err.println("could not set the password: " + e.getMessage());
                    dbms.shutdown();
                    System.exit(1);
                }
            }
        }

        long t2 = System.nanoTime();

        // Warm the default database so the first Bolt session does not wait for it.
        dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME).isAvailable(30_000);
        long t3 = System.nanoTime();
        System.out.println("NEO4J_TIMES jvm=" + jvmMs + " dbms=" + (t1 - t0) / 1_000_000 + " password=" + (t2 - t1) / 1_000_000
                + " database=" + (t3 - t2) / 1_000_000);
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
