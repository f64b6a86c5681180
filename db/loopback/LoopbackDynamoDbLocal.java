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
 * Output protocol, read by src/db/embedded.ts:
 *   "LOOPBACK_LAUNCHER started" first, as soon as main runs;
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
