/// The slide itself: what lies in the field, as optical density. Lengths are fractions of the red cell
/// radius, which is a fixed fraction of the field.
struct SmearScene {
  private(set) var field: DensityField
  private(set) var cellsInField = 0
  private(set) var parasites = 0
  private let stains: StainPalette
  private let isFinding: Bool
  private let cellRadius: Float
  private let width: Float
  private let height: Float

  init(width: Int, height: Int, parameters: CaptureParameters) {
    stains = StainPalette(hue: parameters.stainHue, saturation: parameters.stainSaturation)
    field = DensityField(width: width, height: height, base: stains.plasma)
    isFinding = parameters.isFinding
    cellRadius = Float(min(width, height)) * 0.085
    self.width = Float(width)
    self.height = Float(height)
  }

  private struct Cell {
    var x: Float
    var y: Float
    var radius: Float
  }

  mutating func draw(random: inout SplitMix64) {
    let cells = placeCells(random: &random)
    for cell in cells {
      let ellipticity = random.uniform(0, 0.12)
      let angle = random.uniform(0, 6.283_185)
      field.addCell(
        x: cell.x, y: cell.y, a: cell.radius * (1 + ellipticity), b: cell.radius * (1 - ellipticity),
        cos: cosine(angle), sin: sine(angle), pallor: random.uniform(0.4, 0.65), amount: random.uniform(0.85, 1.1),
        stain: stains.redCell)
    }
    cellsInField = cells.count { $0.x >= 0 && $0.x < width && $0.y >= 0 && $0.y < height }
    if isFinding { drawParasites(in: cells, random: &random) }
    drawPlatelets(random: &random)
    drawDebris(random: &random)
  }

  /// Random placement with rejection: most cells keep apart, some overlap as in the thicker parts of a smear.
  private func placeCells(random: inout SplitMix64) -> [Cell] {
    let coverage = random.uniform(0.45, 0.65)
    let target = Int(coverage * width * height / (3.141_593 * cellRadius * cellRadius))
    var cells: [Cell] = []
    var attempts = 0
    while cells.count < target && attempts < target * 30 {
      attempts += 1
      let cell = Cell(
        x: random.uniform(-cellRadius, width + cellRadius), y: random.uniform(-cellRadius, height + cellRadius),
        radius: cellRadius * random.uniform(0.9, 1.1))
      let overlapping = random.chance(0.1)
      let spacing: Float = overlapping ? 1.0 : 1.85
      let clear = cells.allSatisfy { other in
        let dx = other.x - cell.x
        let dy = other.y - cell.y
        let apart = spacing * (other.radius + cell.radius) / 2
        return dx * dx + dy * dy >= apart * apart
      }
      if clear { cells.append(cell) }
    }
    return cells
  }

  /// Ring forms: a thin ring of blue cytoplasm with one (sometimes two) dark chromatin dots on it, inside a cell.
  private mutating func drawParasites(in cells: [Cell], random: inout SplitMix64) {
    let margin = cellRadius * 0.7
    var hosts = cells.filter { $0.x > margin && $0.x < width - margin && $0.y > margin && $0.y < height - margin }
    var wanted = 1
    while wanted < 4 && random.chance(0.35) { wanted += 1 }
    while parasites < wanted && !hosts.isEmpty {
      let host = hosts.remove(at: random.integer(0, hosts.count - 1))
      let offsetAngle = random.uniform(0, 6.283_185)
      let offset = random.uniform(0, 0.4) * host.radius
      let x = host.x + offset * cosine(offsetAngle)
      let y = host.y + offset * sine(offsetAngle)
      let ring = host.radius * random.uniform(0.28, 0.4)
      let dotAngle = random.uniform(0, 6.283_185)
      let toward = (cosine(dotAngle), sine(dotAngle))
      field.addRing(
        x: x, y: y, radius: ring, width: host.radius * random.uniform(0.05, 0.07),
        amount: random.uniform(0.6, 0.9), towardX: -toward.0, towardY: -toward.1, crescent: random.uniform(0, 0.5),
        stain: stains.cytoplasm)
      let dots = random.chance(0.25) ? 2 : 1
      for dot in 0..<dots {
        let sign: Float = dot == 0 ? 1 : -1
        field.addSpot(
          x: x + sign * ring * toward.0, y: y + sign * ring * toward.1, sigma: host.radius * random.uniform(0.09, 0.12),
          amount: random.uniform(1.1, 1.6), stain: stains.chromatin)
      }
      parasites += 1
    }
  }

  /// Platelets: small granular purple clusters, anywhere (often beside or on top of cells), in every class.
  private mutating func drawPlatelets(random: inout SplitMix64) {
    for _ in 0..<random.integer(0, 4) {
      let x = random.uniform(0, width)
      let y = random.uniform(0, height)
      for _ in 0..<random.integer(1, 3) {
        field.addSpot(
          x: x + random.uniform(-0.15, 0.15) * cellRadius, y: y + random.uniform(-0.15, 0.15) * cellRadius,
          sigma: cellRadius * random.uniform(0.07, 0.11), amount: random.uniform(0.6, 1.0), stain: stains.platelet)
      }
    }
  }

  /// Stain precipitate (fine dark specks) and smudges (faint chains of blobs).
  private mutating func drawDebris(random: inout SplitMix64) {
    for _ in 0..<random.integer(0, 3) {
      field.addSpot(
        x: random.uniform(0, width), y: random.uniform(0, height), sigma: cellRadius * random.uniform(0.05, 0.09),
        amount: random.uniform(0.6, 1.3), stain: stains.precipitate)
    }
    if random.chance(0.4) {
      var x = random.uniform(0, width)
      var y = random.uniform(0, height)
      for _ in 0..<random.integer(3, 6) {
        field.addSpot(
          x: x, y: y, sigma: cellRadius * random.uniform(0.2, 0.5), amount: random.uniform(0.08, 0.2),
          stain: stains.cytoplasm)
        x += random.uniform(-0.6, 0.6) * cellRadius
        y += random.uniform(-0.6, 0.6) * cellRadius
      }
    }
  }
}
