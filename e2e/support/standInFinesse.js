/*
 * A stand-in for Cisco's finesse.js, for testing SIM_FINESSE_JS (e2e/third-party-gadget.spec.ts).
 * Written for this project, not taken from Cisco: it depends on the desktop only the way Cisco's
 * library is documented and seen to, so what it needs is what the container must provide:
 *   - credentials from sessionStorage `userFinesseAuth`, the rest of the config from gadget prefs;
 *   - the OpenAjax hub: `finesse.info.connection` / `finesse.info.requests` (ConnectionInfoReq,
 *     SubscribeNodeReq answered on `finesse.info.responses.<invokeID>`), notifications on the node's
 *     topic (`finesse.api.User.1001`) as `{ content, object }`, `finesse.containerservices.*`;
 *   - REST only through `gadgets.io.makeRequest` to `http://<restHost>:<localhostPort>/finesse/api/…`;
 *   - the gadget's tab from `div.tab-panel#panel_<tabId>` around its frame.
 * Only what simulator/samples/sample-gadget calls. No User.makeCall: the sample falls back to
 * Dialogs.createNewCallDialog, as with an older library.
 */
/* global gadgets */
(function () {
  var finesse = (window.finesse = window.finesse || {});
  window.standInFinesse = { requests: [], topics: [] };

  var prefs = new gadgets.Prefs();
  finesse.gadget = {
    Config: {
      id: prefs.getString('id'),
      authorization: window.sessionStorage.getItem('userFinesseAuth') || '',
      host: prefs.getString('host'),
      hostPort: prefs.getString('hostPort'),
      restHost: prefs.getString('restHost'),
      localhostPort: prefs.getString('localhostPort'),
      scheme: prefs.getString('scheme'),
      locale: prefs.getString('locale'),
    },
  };

  var config;
  var hub = gadgets.Hub;
  var uuid = 0;
  var nextId = function () {
    uuid += 1;
    return 'standin-' + uuid + '-' + Date.now();
  };
  var subscribe = function (topic, fn) {
    window.standInFinesse.topics.push(topic);
    return hub.subscribe(topic, function (_topic, data) {
      fn(data);
    });
  };

  /* XML text to plain data: text elements as strings, empty ones null, repeats as arrays. */
  function toData(node) {
    var children = [];
    for (var i = 0; i < node.childNodes.length; i += 1) {
      if (node.childNodes[i].nodeType === 1) children.push(node.childNodes[i]);
    }
    if (!children.length) return node.textContent === '' ? null : node.textContent;
    var out = {};
    children.forEach(function (child) {
      var value = toData(child);
      if (!(child.nodeName in out)) out[child.nodeName] = value;
      else if (Array.isArray(out[child.nodeName])) out[child.nodeName].push(value);
      else out[child.nodeName] = [out[child.nodeName], value];
    });
    return out;
  }
  function parse(text) {
    if (!text) return {};
    var doc = new DOMParser().parseFromString(text, 'application/xml');
    var root = {};
    root[doc.documentElement.nodeName] = toData(doc.documentElement);
    return root;
  }
  var list = function (value) {
    return value === null || value === undefined ? [] : Array.isArray(value) ? value : [value];
  };

  function rest(method, path, body, handlers) {
    var params = {};
    var io = gadgets.io.RequestParameters;
    params[io.METHOD] = method;
    params[io.REFRESH_INTERVAL] = 0;
    params[io.CONTENT_TYPE] = gadgets.io.ContentType.TEXT;
    params[io.HEADERS] = { Authorization: 'Basic ' + config.authorization, locale: config.locale };
    if (body) {
      params[io.HEADERS]['Content-Type'] = 'application/xml';
      params[io.POST_DATA] = body;
    }
    var url = 'http://' + config.restHost + ':' + config.localhostPort + path;
    window.standInFinesse.requests.push(method + ' ' + url);
    gadgets.io.makeRequest(
      url,
      function (rsp) {
        var out = { status: rsp.rc, content: rsp.text, object: parse(rsp.text) };
        var fn = rsp.rc >= 200 && rsp.rc < 300 ? handlers && handlers.success : handlers && handlers.error;
        if (fn) fn(out);
      },
      params,
    );
  }

  var topicOf = function (node) {
    return node.replace(/^\//, '').replace(/\//g, '.');
  };

  var clientServices = {
    connected: false,
    init: function (cfg) {
      config = cfg;
      subscribe('finesse.info.connection', function (info) {
        clientServices.connected = Boolean(info && info.status === 'connected');
      });
      hub.publish('finesse.info.requests', { type: 'ConnectionInfoReq', data: {}, invokeID: nextId() });
    },
    subscribeNode: function (node, done) {
      var invokeID = nextId();
      var sub = subscribe('finesse.info.responses.' + invokeID, function (error) {
        hub.unsubscribe(sub);
        done(error);
      });
      hub.publish('finesse.info.requests', {
        type: 'SubscribeNodeReq',
        data: { node: node },
        invokeID: invokeID,
      });
    },
  };
  finesse.clientservices = { ClientServices: clientServices };

  function Dialog(data) {
    this._data = data;
    this._onChange = [];
  }
  Dialog.prototype.getId = function () {
    return this._data.id;
  };
  Dialog.prototype.getFromAddress = function () {
    return this._data.fromAddress;
  };
  Dialog.prototype.getToAddress = function () {
    return this._data.toAddress;
  };
  Dialog.prototype.getState = function () {
    return this._data.state;
  };
  Dialog.prototype.addHandler = function (event, fn) {
    if (event === 'change') this._onChange.push(fn);
  };

  function User(options) {
    this._id = options.id;
    this._url = '/finesse/api/User/' + options.id;
    var load = function (onLoad) {
      rest('GET', this._url, null, {
        success: function (rsp) {
          this._data = rsp.object.User;
          if (onLoad) onLoad(this);
        }.bind(this),
        error: options.onError,
      });
    }.bind(this);
    clientServices.subscribeNode(
      this._url,
      function (error) {
        if (error) {
          if (options.onError) options.onError(error);
          return;
        }
        subscribe(
          topicOf(this._url),
          function (update) {
            this._data = update.object.Update.data.user;
            if (options.onChange) options.onChange(this);
          }.bind(this),
        );
        load(options.onLoad);
      }.bind(this),
    );
  }
  User.States = { READY: 'READY', NOT_READY: 'NOT_READY', TALKING: 'TALKING', LOGOUT: 'LOGOUT' };
  User.prototype.getId = function () {
    return this._id;
  };
  User.prototype.getState = function () {
    return this._data.state;
  };
  User.prototype.getFirstName = function () {
    return this._data.firstName;
  };
  User.prototype.getLastName = function () {
    return this._data.lastName;
  };
  User.prototype.getExtension = function () {
    return this._data.extension;
  };
  User.prototype.setState = function (state, reasonCode, handlers) {
    var reason = reasonCode ? '<reasonCodeId>' + reasonCode.id + '</reasonCodeId>' : '';
    rest('PUT', this._url, '<User><state>' + state + '</state>' + reason + '</User>', handlers);
    return this;
  };
  User.prototype.getNotReadyReasonCodes = function (handlers) {
    rest('GET', this._url + '/ReasonCodes?category=NOT_READY', null, {
      success: function (rsp) {
        var codes = list(rsp.object.ReasonCodes && rsp.object.ReasonCodes.ReasonCode);
        handlers.success(
          codes.map(function (code) {
            return { id: code.id, label: code.label };
          }),
        );
      },
      error: handlers.error,
    });
  };
  User.prototype.getDialogs = function (handlers) {
    var url = this._url + '/Dialogs';
    var dialogs = new Map();
    var add = function (data) {
      if (dialogs.has(data.id)) return;
      dialogs.set(data.id, new Dialog(data));
      if (handlers.onCollectionAdd) handlers.onCollectionAdd(dialogs.get(data.id));
    };
    subscribe(topicOf(url), function (update) {
      var u = update.object.Update;
      if (u.data.dialog) {
        var dialog = dialogs.get(u.data.dialog.id);
        if (!dialog) return;
        dialog._data = u.data.dialog;
        dialog._onChange.forEach(function (fn) {
          fn(dialog);
        });
        return;
      }
      list(u.data.dialogs && u.data.dialogs.Dialog).forEach(function (data) {
        if (u.event === 'POST') add(data);
        else if (u.event === 'DELETE' && dialogs.has(data.id)) {
          var gone = dialogs.get(data.id);
          dialogs.delete(data.id);
          if (handlers.onCollectionDelete) handlers.onCollectionDelete(gone);
        }
      });
    });
    rest('GET', url, null, {
      success: function (rsp) {
        list(rsp.object.Dialogs && rsp.object.Dialogs.Dialog).forEach(add);
      },
    });
    return {
      createNewCallDialog: function (to, from, requestHandlers) {
        var body =
          '<Dialog><requestedAction>MAKE_CALL</requestedAction><fromAddress>' +
          from +
          '</fromAddress><toAddress>' +
          to +
          '</toAddress></Dialog>';
        rest('POST', url, body, requestHandlers);
      },
    };
  };
  finesse.restservices = { User: User };

  var tabHandlers = [];
  finesse.containerservices = {
    ContainerServices: {
      Topics: { ACTIVE_TAB: 'finesse.containerservices.activeTab' },
      init: function () {
        var panel = window.frameElement && window.frameElement.closest('div.tab-panel');
        var myTab = panel ? panel.id.replace('panel_', '') : '';
        subscribe('finesse.containerservices.activeTab', function (tabId) {
          if (tabId === myTab)
            tabHandlers.forEach(function (fn) {
              fn();
            });
        });
        return this;
      },
      addHandler: function (topic, fn) {
        if (topic === this.Topics.ACTIVE_TAB) tabHandlers.push(fn);
      },
      makeActiveTabReq: function () {
        hub.publish('finesse.containerservices.requests', {
          type: 'ActiveTabReq',
          data: {},
          invokeID: nextId(),
        });
      },
    },
  };
})();
