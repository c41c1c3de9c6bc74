import RealModule

// Elementary functions without Foundation, through swift-numerics.
@inlinable func _cos(_ x: Double) -> Double { Double.cos(x) }
@inlinable func _sin(_ x: Double) -> Double { Double.sin(x) }
@inlinable func _atan2(_ y: Double, _ x: Double) -> Double { Double.atan2(y: y, x: x) }
@inlinable func _tan(_ x: Double) -> Double { Double.tan(x) }
@inlinable func _pow(_ x: Double, _ y: Double) -> Double { Double.pow(x, y) }

/// Decibels of a power ratio (10·log10), -infinity for 0.
@inlinable public func decibels(power: Double) -> Double { power > 0 ? 10 * Double.log10(power) : -.infinity }
/// Decibels of an amplitude ratio (20·log10), -infinity for 0.
@inlinable public func decibels(amplitude: Double) -> Double {
    amplitude > 0 ? 20 * Double.log10(amplitude) : -.infinity
}
