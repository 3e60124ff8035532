import Systemd

/// The kinds of events edgediag logs, each with its journal `MESSAGE_ID` and default priority. Every id has an
/// entry in systemd/edgediag.catalog (`journalctl -x` shows it); a test keeps the two in step. Each kind is one
/// event: two different faults never share an id, so a journal query by id finds exactly that fault.
public enum Event: CaseIterable, Sendable {
  case started
  case ready
  case captureNegative
  case captureFinding
  case captureUncertain
  /// The capture could not be used: not a JPEG, too large, wrong dimensions.
  case captureRejected
  /// An internal fault while processing a capture.
  case captureFailed
  /// A capture could not be read yet (permission, I/O error); it stays claimed and is tried again.
  case captureDeferred
  case watchFolderMissing
  case watchFolderBack
  case queueOverflowRescan
  case ledgerError
  /// The state database file was deleted or replaced under the running daemon.
  case ledgerDeleted
  /// A recorded capture could not be moved to the archive or quarantine folder.
  case captureMoveFailed
  case configReloaded
  case configReloadFailed
  /// A reload changed settings that only a restart applies; they keep their running values.
  case configRestartNeeded
  case modelLoadFailed
  /// Start-up failed for a reason other than the configuration or model: the ledger, a system resource.
  case startFailed
  case watchdogUnhealthy
  /// A capture's finding was already in the outbox (an earlier capture of the same image queued it).
  case findingAlreadyQueued
  case forwardDelivered
  case forwardRetry
  case forwardFailed
  case outboxFull
  case stopping
  case eventLoopFailed
  case signalReadFailed
  case timerReadFailed
  case retryTimerFailed
  case settleTimerFailed
  /// The periodic rescan of the capture folder (`[capture] rescan_seconds`) could not be scheduled.
  case rescanTimerFailed
  case statusTimerFailed
  case watchReadFailed
  case scanFailed
  case watchRegisterFailed
  /// A subfolder of the capture folder (recursive mode) cannot be watched or listed; the rest of the tree is.
  case watchSubfolderSkipped
  case notifyFailed
  case heartbeatRejected
  /// No forwarder runs: after a failed reload, the running configuration's could not be started again.
  case forwarderStopped

  /// Generated once at random; never change one, since journal queries and the catalog use them.
  public var messageID: MessageID {
    switch self {
    case .started: MessageID(0x3a25_10f1_e4fd_4aa5, 0xb86a_d229_4434_81b4)
    case .ready: MessageID(0x5790_a8b9_4f56_4125, 0xa3b2_2c2f_c63d_3d41)
    case .captureNegative: MessageID(0x19b6_c808_b6c8_4966, 0xabe4_7e96_91f3_17b1)
    case .captureFinding: MessageID(0x1aff_6448_8900_4455, 0x942a_27ef_3a15_81dc)
    case .captureUncertain: MessageID(0xaa40_fbc6_cb19_424c, 0xb8cd_42a6_091d_729e)
    case .captureRejected: MessageID(0xcc7c_f615_c0fe_469a, 0x8051_f394_ef1e_f3a3)
    case .captureFailed: MessageID(0x7d44_be59_5c11_4a2c, 0x94e3_7a39_df32_1ebd)
    case .captureDeferred: MessageID(0x29ba_4027_bc9d_40be, 0x8a9c_0f6f_46b0_fa0a)
    case .watchFolderMissing: MessageID(0x7d17_94a2_30d2_4792, 0x9651_22ad_bf9a_7c27)
    case .watchFolderBack: MessageID(0x0e48_ed23_a37c_414c, 0xb7e8_f829_c643_76a3)
    case .queueOverflowRescan: MessageID(0xd3e8_ed5b_f119_4e5f, 0xb681_ca33_6095_046e)
    case .ledgerError: MessageID(0x5d10_381c_cfc8_43a8, 0xa33d_1708_9fb9_abf4)
    case .ledgerDeleted: MessageID(0x4711_e52f_4c93_4003, 0x9a42_8528_ae74_4a30)
    case .captureMoveFailed: MessageID(0x666c_40f1_55d6_4120, 0xa545_848f_f549_ff15)
    case .configReloaded: MessageID(0x560c_731b_cc4f_4b1d, 0x818c_ba33_baea_f53f)
    case .configReloadFailed: MessageID(0xe8b8_d7ab_aae6_46e2, 0x8369_d020_389c_5814)
    case .configRestartNeeded: MessageID(0x18dd_c1fa_3ca1_4643, 0x8cf0_8f58_86b9_41a7)
    case .modelLoadFailed: MessageID(0xd473_2de0_410e_4b8c, 0x85f1_3bd7_c277_3083)
    case .startFailed: MessageID(0x1104_b70e_33a9_4ee0, 0xadd5_973d_8e5e_56da)
    case .watchdogUnhealthy: MessageID(0x648f_8ca8_418b_42fd, 0x9964_3c19_1481_2089)
    case .findingAlreadyQueued: MessageID(0xf548_6e55_3de6_46d9, 0xa694_9641_987c_4efc)
    case .forwardDelivered: MessageID(0xc594_28b3_c7b7_4253, 0xa8f6_ee4e_505f_121a)
    case .forwardRetry: MessageID(0x6ce3_8293_7c4a_4c9c, 0x871d_fb30_e82e_b0e1)
    case .forwardFailed: MessageID(0x3429_6c1e_77bc_4334, 0xac16_98ae_872d_1165)
    case .outboxFull: MessageID(0x0376_7c57_f3f5_45eb, 0xaf81_83e5_0ed4_0e5b)
    case .stopping: MessageID(0xcfa6_af3b_cd2f_4b01, 0x98ae_ed9e_1271_5cfc)
    case .eventLoopFailed: MessageID(0xfafd_d242_425e_4c35, 0xb449_1350_3cf4_1b1c)
    case .signalReadFailed: MessageID(0x4d11_d618_b9a2_4b16, 0xbb33_4309_a628_5de4)
    case .timerReadFailed: MessageID(0xb401_cea4_e6bf_4f6c, 0xa051_e22c_9113_b547)
    case .retryTimerFailed: MessageID(0xd0a0_c33e_e4e9_4341, 0x9d85_813e_6d91_de6e)
    case .settleTimerFailed: MessageID(0x2ad4_9af2_a8ef_48b2, 0xaba8_4d06_7460_cf4e)
    case .rescanTimerFailed: MessageID(0x8e95_139a_201c_4c6c, 0x8fd0_cef6_cd2c_38eb)
    case .statusTimerFailed: MessageID(0x1c5c_b80d_6c3f_4d11, 0xa7bf_f7d7_58ce_758d)
    case .watchReadFailed: MessageID(0x19b8_fb41_0e04_4dd1, 0x9f89_3248_b8a5_3e85)
    case .scanFailed: MessageID(0xf3b4_e629_98cb_427a, 0x9eb5_e2c2_9948_9025)
    case .watchRegisterFailed: MessageID(0x0ccf_a153_fd48_4804, 0x9da0_6206_ce83_57e9)
    case .watchSubfolderSkipped: MessageID(0x8de4_727d_0ac3_4218, 0xa593_51ce_d719_8be9)
    case .notifyFailed: MessageID(0x239e_d0b4_93d8_4baa, 0x82b6_3c5e_7d00_cb08)
    case .heartbeatRejected: MessageID(0x9dac_47f8_b828_4a5b, 0xa1f8_1532_4452_6864)
    case .forwarderStopped: MessageID(0x2d9d_6f24_0e21_4c43, 0xb30a_4c8a_1a1f_9f32)
    }
  }

  /// The fields the catalog text for this kind refers to (as `@NAME@`), which its entries carry. Captures are
  /// named by `EDGEDIAG_CAPTURE`, their opaque ledger id, never by file name; findings by `EDGEDIAG_FINDING`, the
  /// Idempotency-Key, with the capture that queued them.
  public var catalogFields: [String] {
    switch self {
    case .started: ["EDGEDIAG_VERSION"]
    case .captureNegative, .captureUncertain: ["EDGEDIAG_CAPTURE"]
    case .forwardDelivered, .findingAlreadyQueued: ["EDGEDIAG_FINDING", "EDGEDIAG_CAPTURE"]
    case .captureFinding: ["EDGEDIAG_CAPTURE", "EDGEDIAG_LABEL"]
    case .captureRejected, .captureFailed: ["EDGEDIAG_CAPTURE", "EDGEDIAG_REASON"]
    case .captureMoveFailed, .captureDeferred: ["EDGEDIAG_CAPTURE", "EDGEDIAG_ERROR"]
    case .forwardRetry, .forwardFailed: ["EDGEDIAG_FINDING", "EDGEDIAG_CAPTURE", "EDGEDIAG_REASON"]
    case .ledgerError, .ledgerDeleted, .configReloadFailed, .modelLoadFailed, .startFailed: ["EDGEDIAG_ERROR"]
    case .eventLoopFailed, .signalReadFailed, .timerReadFailed, .retryTimerFailed, .settleTimerFailed,
      .rescanTimerFailed, .statusTimerFailed, .watchReadFailed, .scanFailed, .watchRegisterFailed, .notifyFailed,
      .forwarderStopped:
      ["EDGEDIAG_ERROR"]
    case .watchdogUnhealthy, .heartbeatRejected: ["EDGEDIAG_REASON"]
    case .configRestartNeeded: ["EDGEDIAG_SETTINGS"]
    case .watchSubfolderSkipped: ["EDGEDIAG_FOLDER", "EDGEDIAG_ERROR"]
    case .ready, .watchFolderMissing, .watchFolderBack, .queueOverflowRescan, .configReloaded, .outboxFull, .stopping:
      []
    }
  }

  /// The priority an entry of this kind gets unless the caller chooses another.
  public var priority: Priority {
    switch self {
    case .captureNegative, .forwardDelivered, .findingAlreadyQueued: .info
    case .started, .ready, .stopping, .captureFinding, .captureUncertain, .watchFolderBack, .configReloaded: .notice
    case .captureRejected, .captureDeferred, .captureMoveFailed, .queueOverflowRescan, .forwardRetry,
      .watchRegisterFailed, .notifyFailed, .heartbeatRejected, .configRestartNeeded, .watchSubfolderSkipped,
      .statusTimerFailed:
      .warning
    case .captureFailed, .watchFolderMissing, .ledgerError, .ledgerDeleted, .configReloadFailed, .modelLoadFailed,
      .startFailed,
      .watchdogUnhealthy, .forwardFailed, .outboxFull, .eventLoopFailed, .signalReadFailed, .timerReadFailed,
      .retryTimerFailed, .settleTimerFailed, .rescanTimerFailed, .watchReadFailed, .scanFailed, .forwarderStopped:
      .error
    }
  }
}

extension Journal {
  /// Logs an `event`, at its default priority unless `priority` is given.
  public func send(_ event: Event, message: String, fields: [(String, String)] = [], priority: Priority? = nil) {
    send(priority: priority ?? event.priority, message: message, messageID: event.messageID, fields: fields)
  }
}
