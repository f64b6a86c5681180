import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.channels.ServerSocketChannel;

/**
 * Starts AWS's DynamoDB Local with its HTTP listener bound to the loopback
 * interface only. DynamoDB Local has no bind-address option: its
 * DynamoDBProxyServer builds a Jetty {@code new Server(port)}, whose single
 * ServerConnector has no host and so listens on every interface. This launcher
 * builds the server exactly as DynamoDB Local's own main does
 * ({@code ServerRunner.createServerFromCommandLineArgs}, the same command-line
 * options), sets the connector's host before it is opened, starts it, and checks
 * the address the socket is actually bound to.
 *
 * Run with Java 11+'s single-file source launcher (no build step, nothing
 * compiled is kept):
 * {@code java -cp DynamoDBLocal.jar:DynamoDBLocal_lib/* LoopbackDynamoDbLocal.java -port N -sharedDb ...}.
 * The bind host is the system property {@code loopback.host} (default 127.0.0.1).
 *
 * Everything is reached by reflection, so this file compiles without the jar and
 * a change inside DynamoDB Local shows up as a clear message, not a compile error.
 * With the system property {@code loopback.sqlite.pragmas} (statements separated
 * by ';') and a disk-backed shared database, the launcher also opens DynamoDB
 * Local's database before the listener opens, and runs those statements on its
 * SQLite connection (LoopbackSqliteTuning.java, compiled next to this file
 * against DynamoDB Local's sqlite4java). Without that class, or in memory, or
 * when DynamoDB Local is built differently, it says why and goes on without.
 * Unless the system property {@code loopback.schema.cache} is "off", it also
 * installs LoopbackSchemaCache (compiled the same way), which keeps DynamoDB
 * Local from parsing a table's schema again for every item it reads or writes.
 *
 * Output protocol, read by db/embedded.ts:
 *   "LOOPBACK_LAUNCHER started" first, as soon as main runs;
 *   "LOOPBACK_LAUNCHER sqlite <journal_mode=..., synchronous=...>" once the pragmas ran,
 *   or "LOOPBACK_LAUNCHER sqlite skipped: <reason>";
 *   "LOOPBACK_LAUNCHER schema-cache on", or "LOOPBACK_LAUNCHER schema-cache skipped: <reason>";
 *   "LOOPBACK_LAUNCHER listening <address>:<port>" once the socket is bound;
 *   "LOOPBACK_LAUNCHER unsupported: <reason>" and exit code 78 when the server
 *   cannot be bound to loopback this way (nothing was left listening).
 */
public class LoopbackDynamoDbLocal {
  static final String TAG = "LOOPBACK_LAUNCHER";
  static final int UNSUPPORTED = 78;

  public static void main(String[] args) throws Throwable {
    System.out.println(TAG + " started");
    System.out.flush();
    String host = System.getProperty("loopback.host", "127.0.0.1");
    InetAddress address = InetAddress.getByName(host);
    if (!address.isLoopbackAddress()) unsupported("loopback.host " + host + " is not a loopback address");

    Object proxy;
    Object connector;
    try {
      Class<?> runner = Class.forName("software.amazon.dynamodb.services.local.main.ServerRunner");
      Method create = runner.getMethod("createServerFromCommandLineArgs", String[].class);
      proxy = invoke(create, null, (Object) args);
      Field serverField = proxy.getClass().getDeclaredField("server");
      serverField.setAccessible(true);
      Object server = serverField.get(proxy);
      Object[] connectors = (Object[]) server.getClass().getMethod("getConnectors").invoke(server);
      if (connectors.length != 1) unsupported("expected one Jetty connector, found " + connectors.length);
      connector = connectors[0];
      connector.getClass().getMethod("setHost", String.class).invoke(connector, address.getHostAddress());
    } catch (ReflectiveOperationException | ClassCastException | SecurityException e) {
      unsupported("this DynamoDB Local is not built the way the launcher expects (" + e + ")");
      return;
    }

    // The cache first: opening the database for the pragmas already runs the code that parses schemas.
    System.out.println(TAG + " schema-cache " + installSchemaCache());
    String pragmas = System.getProperty("loopback.sqlite.pragmas", "");
    if (!pragmas.isBlank()) System.out.println(TAG + " sqlite " + tuneSqlite(proxy, args, pragmas.split(";")));
    System.out.flush();

    // DynamoDBProxyServer.start() starts Jetty; on a taken port it prints the error
    // and stops, and the JVM then exits (as with DynamoDB Local's own main).
    invoke(proxy.getClass().getMethod("start"), proxy);

    Object transport = connector.getClass().getMethod("getTransport").invoke(connector);
    if (transport == null) return; // not started: the error has been printed
    SocketAddress bound = ((ServerSocketChannel) transport).getLocalAddress();
    if (!(bound instanceof InetSocketAddress) || !((InetSocketAddress) bound).getAddress().isLoopbackAddress()) {
      System.out.println(TAG + " unsupported: the socket is bound to " + bound + ", not loopback");
      System.out.flush();
      Runtime.getRuntime().halt(UNSUPPORTED);
    }
    InetSocketAddress inet = (InetSocketAddress) bound;
    System.out.println(TAG + " listening " + inet.getAddress().getHostAddress() + ":" + inet.getPort());
    System.out.flush();
  }

  /**
   * Opens the shared database (DynamoDB Local otherwise opens it on the first
   * request) and runs the statements on its SQLite queue; what they left, or
   * "skipped: <reason>". Never fatal: the server runs as it would without.
   */
  static String tuneSqlite(Object proxy, String[] args, String[] statements) {
    java.util.List<String> options = java.util.Arrays.asList(args);
    if (options.contains("-inMemory") || !options.contains("-dbPath")) return "skipped: the database is in memory";
    if (!options.contains("-sharedDb")) return "skipped: not a shared database";
    try {
      Class<?> tuning = Class.forName("LoopbackSqliteTuning");
      Object serverHandler = field(proxy, "serverHandler");
      Object requestHandler = field(serverHandler, "primaryHandler");
      // The shared database's handler, created as the first request would (the name is ignored with -sharedDb).
      Method getHandler = requestHandler.getClass().getDeclaredMethod("getHandler", String.class);
      getHandler.setAccessible(true);
      Object client = invoke(getHandler, requestHandler, "shared-local-instance");
      Object access = null;
      for (Class<?> k = client.getClass(); k != null && access == null; k = k.getSuperclass()) {
        for (Field f : k.getDeclaredFields()) {
          f.setAccessible(true);
          Object value = f.get(client);
          if (value != null && value.getClass().getName().endsWith(".SQLiteDBAccess")) access = value;
        }
      }
      if (access == null) return "skipped: no SQLiteDBAccess in " + client.getClass().getName();
      Object queue = field(access, "queue");
      return (String) invoke(tuning.getMethod("tune", Object.class, String[].class), null, queue, statements);
    } catch (ClassNotFoundException e) {
      return "skipped: LoopbackSqliteTuning was not compiled (" + e.getMessage() + ")";
    } catch (Throwable e) {
      return "skipped: " + e;
    }
  }

  /**
   * Installs LoopbackSchemaCache before anything is served (its own comment says
   * why); "on", or "skipped: <reason>". Never fatal: without it DynamoDB Local
   * parses its schemas as it always does.
   */
  static String installSchemaCache() {
    if ("off".equals(System.getProperty("loopback.schema.cache", "on"))) return "skipped: turned off (loopback.schema.cache=off)";
    try {
      return (String) invoke(Class.forName("LoopbackSchemaCache").getMethod("install"), null);
    } catch (ClassNotFoundException | NoClassDefFoundError e) {
      return "skipped: LoopbackSchemaCache was not compiled (" + e.getMessage() + ")";
    } catch (Throwable e) {
      return "skipped: " + e;
    }
  }

  /** A field's value, declared on the object's class or a superclass. */
  static Object field(Object target, String name) throws ReflectiveOperationException {
    for (Class<?> k = target.getClass(); k != null; k = k.getSuperclass()) {
      try {
        Field f = k.getDeclaredField(name);
        f.setAccessible(true);
        return f.get(target);
      } catch (NoSuchFieldException e) {
        // look in the superclass
      }
    }
    throw new NoSuchFieldException(target.getClass().getName() + "." + name);
  }

  static Object invoke(Method method, Object target, Object... args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  static void unsupported(String reason) {
    System.out.println(TAG + " unsupported: " + reason);
    System.out.flush();
    System.exit(UNSUPPORTED);
  }
}
