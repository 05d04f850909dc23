/** Writes the outcome back to the ServiceNow requested item (Table API on `sc_req_item`). */
export interface ServiceNowClient {
  /**
   * Appends a work note and optionally sets the state of the requested item.
   * @param state the `sc_req_item.state` choice value (instance-specific; see the bridge README)
   */
  updateRequestItem(sysId: string, update: { workNote: string; state?: string }): Promise<void>;
}
