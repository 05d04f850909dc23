/**
 * Business rule "JML bridge: send approved request" on sc_req_item (async, update).
 *
 * The rule's filter condition (approval changes to approved, on the JML catalog item only) is declared by the
 * servicenow stack; async means the send, with its retries, runs after the approver's transaction has committed,
 * so approving never waits on the bridge. `previous` is not available to async rules and is not used.
 */
(function executeRule(current) {
  new JmlBridgeClient().sendApproved(current);
})(current);
