package org.jincai.scheduler.launch;

import java.util.Map;

/**
 * Starts a route for a schedule ({@code route:URI}): the application that runs the routes supplies it (the hub sends
 * one message to the endpoint, with the parameters as headers).
 */
public interface RouteLauncher {

    /** Sends one trigger to {@code endpointUri}; returns a short description of what happened. */
    String launch(String endpointUri, Map<String, String> parameters);
}
