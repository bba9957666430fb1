import WasmEngine

/// A store a guest made for itself, closed (`Store.close()`) when the guest lets go of it — or
/// at once, when the guest's initialiser fails — since the store and its instances would
/// otherwise keep each other alive.
final class OwnedStore {
    let store: Store

    init(engine: Engine) {
        store = Store(engine: engine)
    }

    deinit {
        store.close()
    }
}
