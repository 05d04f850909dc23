/**
 * JmlBridgeClient: sends an approved user-lifecycle requested item (sc_req_item) to the JML bridge.
 *
 * Builds the body of docs/jml-request.schema.json from the item and its catalog variables, signs it with the
 * Standard Webhooks scheme (HMAC-SHA256 over "id.timestamp.body", secret "whsec_<base64>" held in an encrypted
 * system property), POSTs it through the REST message the servicenow stack declares, and records the outcome on
 * the item: the bridge's correlation id in correlation_id and a work note, or a work note with the bridge's error.
 *
 * Global-scope ES5 (the platform's Rhino engine): no let/const, arrow functions or template strings. Terraform
 * loads this file verbatim into the script include, so it must never contain a dollar sign directly followed by
 * an opening brace (Terraform would read it as an interpolation); the stack refuses a source that does.
 *
 * The platform calls are kept in small methods (_mac, _sha256Hex, _nowSeconds, _sleep, _newRequest) so that the
 * tests can run this file under Node with stand-ins for them.
 */
var JmlBridgeClient = Class.create();

/** Names shared with the servicenow stack (constructs/jml-signing-script/names.ts); a test keeps them equal. */
JmlBridgeClient.SETTINGS = {
  restMessage: 'JML bridge',
  restMethod: 'post_jml_request',
  signingSecretProperty: 'jml.bridge.signing_secret',
  correlationDisplay: 'JML bridge',
  attempts: 3,
  retryDelaysMs: [2000, 5000],
  httpTimeoutMs: 20000
};

/** Request field -> catalog variable name; the stack declares exactly these variables on the catalog item. */
JmlBridgeClient.VARIABLES = {
  action: 'jml_action',
  login: 'jml_login',
  email: 'jml_email',
  firstName: 'jml_first_name',
  lastName: 'jml_last_name',
  employeeNumber: 'jml_employee_number',
  department: 'jml_department',
  title: 'jml_title',
  managerLogin: 'jml_manager_login',
  effectiveDate: 'jml_effective_date'
};

JmlBridgeClient.prototype = {
  initialize: function (settings) {
    this.settings = settings || JmlBridgeClient.SETTINGS;
  },

  /**
   * Builds, signs and sends the request of an approved item, then records the outcome on the item.
   * Returns the bridge's correlation id, or null when the request was not accepted (the work note says why).
   */
  sendApproved: function (item) {
    var number = item.getValue('number');
    var request;
    try {
      request = this.buildRequest(item);
    } catch (e) {
      this._recordNote(item, 'JML bridge: ' + number + ' was not sent: ' + e.message);
      return null;
    }
    var secret = gs.getProperty(this.settings.signingSecretProperty, '');
    if (!secret) {
      this._recordNote(item, 'JML bridge: ' + number + ' was not sent: the system property ' + this.settings.signingSecretProperty +
        ' has no value. An administrator must set it to the bridge signing secret (whsec_...) and re-send the request.');
      return null;
    }
    var keys;
    try {
      keys = this.signingKeys(secret);
    } catch (e) {
      this._recordNote(item, 'JML bridge: ' + number + ' was not sent: ' + e.message);
      return null;
    }
    var body = JSON.stringify(request);
    // The same body always gets the same id, so a retry or a re-send is recognised by the bridge as a duplicate,
    // while a changed body (edited variables, new approval) is a new message rather than a conflicting replay.
    var webhookId = 'ritm_' + item.getUniqueValue() + '_' + this._sha256Hex(body).substring(0, 16);
    var outcome = null;
    var attempt;
    for (attempt = 1; attempt <= this.settings.attempts; attempt++) {
      outcome = this.post(webhookId, body, keys);
      if (outcome.notSigned || !this._retryable(outcome.status) || attempt === this.settings.attempts) {
        break;
      }
      this._sleep(this.settings.retryDelaysMs[Math.min(attempt, this.settings.retryDelaysMs.length) - 1]);
    }
    return this._recordOutcome(item, outcome, webhookId, Math.min(attempt, this.settings.attempts));
  },

  /** The JML request of docs/jml-request.schema.json, from the item, its variables, approvals and opener. */
  buildRequest: function (item) {
    var names = JmlBridgeClient.VARIABLES;
    var action = this._variable(item, names.action);
    var user = {};
    this._put(user, 'login', this._variable(item, names.login));
    this._put(user, 'email', this._variable(item, names.email));
    this._put(user, 'firstName', this._variable(item, names.firstName));
    this._put(user, 'lastName', this._variable(item, names.lastName));
    this._put(user, 'employeeNumber', this._variable(item, names.employeeNumber));
    // Department and title choices carry the config key as value and the exact Okta profile value as text.
    this._put(user, 'department', this._variableText(item, names.department));
    this._put(user, 'title', this._variableText(item, names.title));
    this._put(user, 'managerLogin', this._variable(item, names.managerLogin));
    var approvals = this._approvals(item.getUniqueValue());
    if (approvals.length === 0) {
      throw new Error('no approved approval record (sysapproval_approver) was found for it; the bridge records who approved ' +
        'every request, so approve it through an approval rather than by setting the field.');
    }
    return {
      requestNumber: item.getValue('number'),
      requestSysId: item.getUniqueValue(),
      action: action,
      user: user,
      effectiveDate: this._variable(item, names.effectiveDate),
      approvals: approvals,
      requestedBy: this._userName(item.getValue('opened_by'))
    };
  },

  /**
   * POSTs one signed delivery; a transport failure is reported as status 0 with the platform's message. Signing is
   * inside the try too: if the platform cannot compute the MAC, nothing is sent and the outcome says so (notSigned),
   * so the item still gets a work note instead of the business rule failing silently.
   */
  post: function (webhookId, body, keys) {
    var timestamp = String(this._nowSeconds());
    var signature;
    try {
      signature = this.signature(keys, webhookId, timestamp, body);
    } catch (e) {
      return { status: 0, body: '', notSigned: true, error: 'the platform could not compute the signature (' + (e && e.name ? e.name : 'error') + ')' };
    }
    var message = this._newRequest();
    message.setHttpTimeout(this.settings.httpTimeoutMs);
    message.setRequestHeader('webhook-id', webhookId);
    message.setRequestHeader('webhook-timestamp', timestamp);
    message.setRequestHeader('webhook-signature', signature);
    message.setRequestBody(body);
    try {
      var response = message.execute();
      return { status: response.getStatusCode(), body: response.getBody() || '', error: response.haveError() ? response.getErrorMessage() : '' };
    } catch (e) {
      return { status: 0, body: '', error: String(e && e.message ? e.message : e) };
    }
  },

  /**
   * The base64 keys of the signing secret property. It may hold two secrets while the bridge's secret is rotated,
   * separated by any white space (spaces, tabs, line breaks), as the bridge reads its own. Each must be whsec_
   * followed by the base64 of at least 24 bytes (the Standard Webhooks minimum the bridge enforces); the error names
   * which one is wrong and never echoes it.
   */
  signingKeys: function (secret) {
    var parts = String(secret).split(/\s+/);
    var keys = [];
    for (var i = 0; i < parts.length; i++) {
      if (!parts[i]) {
        continue;
      }
      var keyBase64 = parts[i].indexOf('whsec_') === 0 ? parts[i].substring(6) : parts[i];
      if (!/^[A-Za-z0-9+\/]+={0,2}$/.test(keyBase64) || keyBase64.length % 4 === 1 || Math.floor(keyBase64.replace(/=+$/, '').length * 3 / 4) < 24) {
        throw new Error('secret ' + (keys.length + 1) + ' in the system property ' + this.settings.signingSecretProperty +
          ' is not whsec_ followed by the base64 of at least 24 bytes. An administrator must set it to the bridge signing secret and re-send the request.');
      }
      keys.push(keyBase64);
    }
    if (keys.length === 0) {
      throw new Error('the system property ' + this.settings.signingSecretProperty + ' holds no secret. An administrator must set it to the bridge signing secret (whsec_...) and re-send the request.');
    }
    return keys;
  },

  /** The webhook-signature header: one "v1,<base64 HMAC-SHA256>" per key, separated by a space. */
  signature: function (keys, webhookId, timestamp, body) {
    var signatures = [];
    for (var i = 0; i < keys.length; i++) {
      signatures.push('v1,' + this._mac(keys[i], webhookId + '.' + timestamp + '.' + body));
    }
    return signatures.join(' ');
  },

  _recordOutcome: function (item, outcome, webhookId, attempts) {
    var number = item.getValue('number');
    var answer = this._parse(outcome.body);
    if (outcome.status >= 200 && outcome.status < 300 && answer && answer.correlationId) {
      item.setValue('correlation_id', answer.correlationId);
      item.setValue('correlation_display', this.settings.correlationDisplay);
      this._recordNote(item, 'JML bridge accepted ' + number + (answer.duplicate ? ' (already received earlier)' : '') +
        ': correlation id ' + answer.correlationId + ', state ' + answer.state + ', webhook-id ' + webhookId + '.');
      return answer.correlationId;
    }
    var reason;
    if (outcome.notSigned) {
      reason = 'nothing was sent: ' + outcome.error + '. Check that the system property ' + this.settings.signingSecretProperty +
        ' holds the bridge signing secret (whsec_...) and re-send the request.';
    } else if (outcome.status === 0) {
      reason = 'the bridge could not be reached after ' + attempts + ' attempt(s): ' + outcome.error +
        '. Check the REST message "' + this.settings.restMessage + '" endpoint and re-send the request.';
    } else if (outcome.status >= 200 && outcome.status < 300) {
      reason = 'the bridge answered HTTP ' + outcome.status + ' without a correlation id; report this to the bridge team.';
    } else {
      reason = 'the bridge answered HTTP ' + outcome.status + ' after ' + attempts + ' attempt(s): ' + this._errorText(answer, outcome) +
        this._advice(outcome.status);
    }
    this._recordNote(item, 'JML bridge did not accept ' + number + ': ' + reason);
    return null;
  },

  _errorText: function (answer, outcome) {
    if (!answer || !answer.message) {
      return String(outcome.body || outcome.error || '(no body)').substring(0, 500);
    }
    var text = answer.message;
    if (answer.details && answer.details.length) {
      var fields = [];
      for (var i = 0; i < answer.details.length; i++) {
        fields.push(answer.details[i].field + ' ' + answer.details[i].message);
      }
      text += ' [' + fields.join('; ') + ']';
    }
    return text;
  },

  _advice: function (status) {
    if (status === 401) {
      return ' Check that the system property ' + this.settings.signingSecretProperty + ' holds the bridge signing secret and that the instance clock is right.';
    }
    if (status === 400 || status === 403) {
      return ' Correct the request variables and re-send.';
    }
    return '';
  },

  _retryable: function (status) {
    return status === 0 || status === 429 || status >= 500;
  },

  _recordNote: function (item, text) {
    item.setValue('work_notes', text);
    item.update();
  },

  _approvals: function (itemSysId) {
    var approvals = [];
    var approval = new GlideRecord('sysapproval_approver');
    approval.addQuery('sysapproval', itemSysId);
    approval.addQuery('state', 'approved');
    approval.orderBy('sys_updated_on');
    approval.query();
    while (approval.next()) {
      approvals.push({
        approver: this._userName(approval.getValue('approver')),
        // GlideRecord values of date-time fields are UTC "yyyy-MM-dd HH:mm:ss".
        approvedAt: approval.getValue('sys_updated_on').replace(' ', 'T') + 'Z'
      });
    }
    return approvals;
  },

  _userName: function (userSysId) {
    var user = new GlideRecord('sys_user');
    if (userSysId && user.get(userSysId)) {
      return user.getValue('user_name') || user.getValue('email') || userSysId;
    }
    return userSysId || '';
  },

  _variable: function (item, name) {
    var value = item.variables[name];
    return value === undefined || value === null ? '' : String(value.toString()).trim();
  },

  _variableText: function (item, name) {
    var value = item.variables[name];
    return value === undefined || value === null || !String(value.toString()) ? '' : String(value.getDisplayValue()).trim();
  },

  _put: function (target, field, value) {
    if (value) {
      target[field] = value;
    }
  },

  _parse: function (text) {
    try {
      return text ? JSON.parse(text) : null;
    } catch (e) {
      return null;
    }
  },

  /** HMAC-SHA256 of data with a base64 key, as base64 (reference: bridge-protocols.md 5.3). */
  _mac: function (keyBase64, data) {
    return new GlideCertificateEncryption().generateMac(keyBase64, 'HmacSHA256', data);
  },

  _sha256Hex: function (text) {
    return new GlideDigest().getSHA256Hex(text);
  },

  _nowSeconds: function () {
    return Math.floor(new GlideDateTime().getNumericValue() / 1000);
  },

  _sleep: function (ms) {
    gs.sleep(ms);
  },

  _newRequest: function () {
    return new sn_ws.RESTMessageV2(this.settings.restMessage, this.settings.restMethod);
  },

  type: 'JmlBridgeClient'
};
