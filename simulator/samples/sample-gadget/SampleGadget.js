/*
 * Sample gadget for integrators: the agent, Ready / Not Ready, the ringing call's dialog and Make
 * Call, with Cisco's Finesse JavaScript library and jQuery as the Finesse server serves them.
 * Plain ES5 in the module pattern of Cisco's sample gadgets, so it runs in any Finesse desktop
 * (10.5 to 12.6) and in the simulator unchanged.
 */
/* global gadgets, jQuery */
var finesse = finesse || {};
finesse.gadget = finesse.gadget || {};
finesse.container = finesse.container || {};
finesse.modules = finesse.modules || {};

/*
 * finesse.js from Finesse 11 on defines finesse.gadget.Config itself; on 10.x a gadget builds it
 * from its prefs, which the container fills (authorization included).
 */
finesse.gadget.Config =
  finesse.gadget.Config ||
  (function () {
    var prefs = new gadgets.Prefs();
    return {
      authorization: prefs.getString('authorization'),
      country: prefs.getString('country'),
      language: prefs.getString('language'),
      locale: prefs.getString('locale'),
      host: prefs.getString('host'),
      hostPort: prefs.getString('hostPort'),
      extension: prefs.getString('extension'),
      xmppDomain: prefs.getString('xmppDomain'),
      pubsubDomain: prefs.getString('pubsubDomain'),
      restHost: prefs.getString('restHost'),
      scheme: prefs.getString('scheme'),
      localhostFQDN: prefs.getString('localhostFQDN'),
      localhostPort: prefs.getString('localhostPort'),
      clientDriftInMillis: prefs.getInt('clientDriftInMillis'),
    };
  })();
finesse.container.Config = finesse.container.Config || finesse.gadget.Config;

finesse.modules.SampleGadget = (function ($) {
  var user, dialogs, states, clientLogs;

  function log(message) {
    if (clientLogs && typeof clientLogs.log === 'function') clientLogs.log('SampleGadget: ' + message);
  }

  function showError(message) {
    $('#sampleStatus').text(message);
    gadgets.window.adjustHeight();
  }

  function requestHandlers(what) {
    return {
      success: function () {
        $('#sampleStatus').text('');
      },
      error: function (rsp) {
        // Finesse's errors: rsp.object.ApiErrors.ApiError.{ErrorType, ErrorMessage}.
        var errors = rsp && rsp.object && rsp.object.ApiErrors;
        var type = errors && errors.ApiError ? errors.ApiError.ErrorType : String(rsp && rsp.status);
        showError(what + ' failed: ' + type);
      },
    };
  }

  function render() {
    var state = user.getState();
    $('#agentName').text(user.getFirstName() + ' ' + user.getLastName());
    $('#agentExtension').text(user.getExtension());
    $('#agentState').text(state);
    $('#readyButton').prop('disabled', state === states.READY || state === states.TALKING);
    $('#notReadyButton').prop('disabled', state === states.NOT_READY);
    $('#makeCallButton').prop('disabled', false);
    gadgets.window.adjustHeight();
  }

  function renderDialog(dialog) {
    $('#callInfo')
      .text(dialog.getFromAddress() + ' → ' + dialog.getToAddress() + ': ' + dialog.getState())
      .attr('data-dialog-id', dialog.getId())
      .attr('data-state', dialog.getState());
    gadgets.window.adjustHeight();
  }

  function handleNewDialog(dialog) {
    log('new dialog ' + dialog.getId());
    dialog.addHandler('change', renderDialog);
    renderDialog(dialog);
  }

  function handleEndDialog(dialog) {
    log('dialog ended ' + dialog.getId());
    $('#callInfo').text('No call').removeAttr('data-dialog-id').removeAttr('data-state');
    gadgets.window.adjustHeight();
  }

  function handleUserLoad(loaded) {
    user = loaded;
    render();
    dialogs = user.getDialogs({
      onCollectionAdd: handleNewDialog,
      onCollectionDelete: handleEndDialog,
    });
  }

  function goReady() {
    user.setState(states.READY, null, requestHandlers('Ready'));
  }

  function goNotReady() {
    // The first Not Ready reason the agent may use (Unified CCE may require one).
    user.getNotReadyReasonCodes({
      success: function (codes) {
        user.setState(states.NOT_READY, codes.length ? codes[0] : null, requestHandlers('Not Ready'));
      },
      error: function () {
        user.setState(states.NOT_READY, null, requestHandlers('Not Ready'));
      },
    });
  }

  function makeCall(event) {
    event.preventDefault();
    var number = $.trim($('#dialNumber').val());
    if (!/^[0-9*#+]{1,32}$/.test(number)) {
      showError('Enter a number to call (digits, * # +).');
      return;
    }
    // User.makeCall where the library has it; the Dialogs collection's request otherwise.
    if (typeof user.makeCall === 'function') user.makeCall(number, requestHandlers('Make Call'));
    else dialogs.createNewCallDialog(number, user.getExtension(), requestHandlers('Make Call'));
  }

  return {
    init: function () {
      var config = finesse.gadget.Config;
      clientLogs = finesse.cslogger && finesse.cslogger.ClientLogger;
      if (clientLogs) clientLogs.init(gadgets.Hub, 'SampleGadget');
      gadgets.window.adjustHeight();

      finesse.clientservices.ClientServices.init(config, false);
      var containerServices = finesse.containerservices.ContainerServices.init();
      containerServices.addHandler(
        finesse.containerservices.ContainerServices.Topics.ACTIVE_TAB,
        function () {
          gadgets.window.adjustHeight();
        },
      );
      containerServices.makeActiveTabReq();

      states = finesse.restservices.User.States;
      user = new finesse.restservices.User({
        id: config.id,
        onLoad: handleUserLoad,
        onChange: render,
        onError: function () {
          showError('Cannot load the agent.');
        },
      });

      $('#readyButton').on('click', goReady);
      $('#notReadyButton').on('click', goNotReady);
      $('#makeCallForm').on('submit', makeCall);
    },
  };
})(jQuery);
