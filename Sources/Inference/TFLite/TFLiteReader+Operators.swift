/// An entry of the model's `operator_codes` list.
struct OperatorCode {
  var code: Int32
  var version: Int
  var customCode: String?
}

extension TFLiteReader {
  /// The subgraph's operators in execution order, each with a supported code and version, tensor indices in
  /// range (inputs may be -1 for an omitted optional input; outputs may not, nor be constant) and checked
  /// options. Unsupported operators are all collected first and reported together.
  func operators(of subgraph: FlatTable, tensors: [Tensor]) throws(ModelError) -> [Operator] {
    guard let list = try subgraph.vector(Schema.SubGraph.operators, elementSize: 4, "the operator list") else {
      return []
    }
    let codes = try operatorCodes()
    var operators: [Operator] = []
    operators.reserveCapacity(list.count)
    var unsupported: [UnsupportedOperator] = []
    for index in 0..<list.count {
      let table = try list.table(index, "operator \(index)")
      let opcodeIndex = try table.uint32(Schema.Operator.opcodeIndex, "operator \(index) opcode index")
      guard let codeIndex = Int(exactly: opcodeIndex), codeIndex < codes.count else {
        throw .malformed(
          what: "operator \(index) refers to operator code \(opcodeIndex), but the model has \(codes.count)")
      }
      let code = codes[codeIndex]
      guard let kind = supportedKind(code) else {
        let name = unsupportedName(code)
        if let known = unsupported.firstIndex(where: { $0.name == name && $0.version == code.version }) {
          unsupported[known].count += 1
        } else {
          unsupported.append(UnsupportedOperator(name: name, version: code.version, firstIndex: index))
        }
        continue
      }
      let name = "\(kind.name) v\(code.version)"
      func invalid(_ reason: String) -> ModelError { .invalidOperator(index: index, name: name, reason: reason) }

      let inputs = try table.ints(Schema.Operator.inputs, "operator \(index) inputs")
      for (position, tensor) in inputs.enumerated() where tensor != -1 && !tensors.indices.contains(tensor) {
        throw invalid("input \(position) refers to tensor \(tensor), but the subgraph has \(tensors.count) tensors")
      }
      let outputs = try table.ints(Schema.Operator.outputs, "operator \(index) outputs")
      for (position, tensor) in outputs.enumerated() {
        guard tensors.indices.contains(tensor) else {
          throw invalid("output \(position) refers to tensor \(tensor), but the subgraph has \(tensors.count) tensors")
        }
        if tensors[tensor].data != nil { throw invalid("output \(position) is tensor \(tensor), a constant") }
      }
      let options = try self.options(of: table, kind: kind, operator: index, name: name)
      operators.append(Operator(kind: kind, version: code.version, inputs: inputs, outputs: outputs, options: options))
    }
    guard unsupported.isEmpty else { throw .unsupportedOperators(unsupported) }
    return operators
  }

  /// The model's operator codes. The builtin code is the larger of the int8 `deprecated_builtin_code` and the
  /// int32 `builtin_code`, as in TFLite's `GetBuiltinCode`: old files set only the first, codes ≥ 127 only the
  /// second.
  private func operatorCodes() throws(ModelError) -> [OperatorCode] {
    guard let list = try root.vector(Schema.Model.operatorCodes, elementSize: 4, "the operator code list") else {
      return []
    }
    var codes: [OperatorCode] = []
    codes.reserveCapacity(list.count)
    for index in 0..<list.count {
      let what = "operator code \(index)"
      let table = try list.table(index, what)
      let deprecated = try table.int8(Schema.OperatorCode.deprecatedBuiltinCode, "\(what) deprecated builtin code")
      let builtin = try table.int32(Schema.OperatorCode.builtinCode, "\(what) builtin code")
      let version = try table.int32(Schema.OperatorCode.version, default: 1, "\(what) version")
      let customCode = try table.string(Schema.OperatorCode.customCode, "\(what) custom code")
      codes.append(OperatorCode(code: max(Int32(deprecated), builtin), version: Int(version), customCode: customCode))
    }
    return codes
  }

  /// The operator's kind, if edgediag implements it at this version.
  private func supportedKind(_ code: OperatorCode) -> BuiltinOperator? {
    let kind = BuiltinOperator(code: code.code)
    guard let highest = kind.highestSupportedVersion, (1...highest).contains(code.version) else { return nil }
    return kind
  }

  private func unsupportedName(_ code: OperatorCode) -> String {
    if code.code == customOperatorCode { return "CUSTOM \"\(code.customCode ?? "")\"" }
    return BuiltinOperator.schemaName(code: code.code) ?? BuiltinOperator(code: code.code).name
  }
}

/// `BuiltinOperator.CUSTOM`: the operator is named by its `custom_code` string.
private let customOperatorCode: Int32 = 32
