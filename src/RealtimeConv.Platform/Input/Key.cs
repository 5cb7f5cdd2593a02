namespace RealtimeConv.Platform.Input;

/// <summary>
/// A physical key: GLFW's key codes (US layout names, so <see cref="A"/> is the key left of S on any
/// layout) under Silk.NET's names. The values are GLFW's, so a GLFW key code casts straight to a key.
/// </summary>
public enum Key
{
    /// <summary>A key GLFW does not know.</summary>
    Unknown = -1,
    /// <summary>The Space key.</summary>
    Space = 32,
    /// <summary>The Apostrophe key.</summary>
    Apostrophe = 39,
    /// <summary>The Comma key.</summary>
    Comma = 44,
    /// <summary>The Minus key.</summary>
    Minus = 45,
    /// <summary>The Period key.</summary>
    Period = 46,
    /// <summary>The Slash key.</summary>
    Slash = 47,
    /// <summary>The 0 key of the main block.</summary>
    Number0 = 48,
    /// <summary>The 1 key of the main block.</summary>
    Number1 = 49,
    /// <summary>The 2 key of the main block.</summary>
    Number2 = 50,
    /// <summary>The 3 key of the main block.</summary>
    Number3 = 51,
    /// <summary>The 4 key of the main block.</summary>
    Number4 = 52,
    /// <summary>The 5 key of the main block.</summary>
    Number5 = 53,
    /// <summary>The 6 key of the main block.</summary>
    Number6 = 54,
    /// <summary>The 7 key of the main block.</summary>
    Number7 = 55,
    /// <summary>The 8 key of the main block.</summary>
    Number8 = 56,
    /// <summary>The 9 key of the main block.</summary>
    Number9 = 57,
    /// <summary>The Semicolon key.</summary>
    Semicolon = 59,
    /// <summary>The Equal key.</summary>
    Equal = 61,
    /// <summary>The A key.</summary>
    A = 65,
    /// <summary>The B key.</summary>
    B = 66,
    /// <summary>The C key.</summary>
    C = 67,
    /// <summary>The D key.</summary>
    D = 68,
    /// <summary>The E key.</summary>
    E = 69,
    /// <summary>The F key.</summary>
    F = 70,
    /// <summary>The G key.</summary>
    G = 71,
    /// <summary>The H key.</summary>
    H = 72,
    /// <summary>The I key.</summary>
    I = 73,
    /// <summary>The J key.</summary>
    J = 74,
    /// <summary>The K key.</summary>
    K = 75,
    /// <summary>The L key.</summary>
    L = 76,
    /// <summary>The M key.</summary>
    M = 77,
    /// <summary>The N key.</summary>
    N = 78,
    /// <summary>The O key.</summary>
    O = 79,
    /// <summary>The P key.</summary>
    P = 80,
    /// <summary>The Q key.</summary>
    Q = 81,
    /// <summary>The R key.</summary>
    R = 82,
    /// <summary>The S key.</summary>
    S = 83,
    /// <summary>The T key.</summary>
    T = 84,
    /// <summary>The U key.</summary>
    U = 85,
    /// <summary>The V key.</summary>
    V = 86,
    /// <summary>The W key.</summary>
    W = 87,
    /// <summary>The X key.</summary>
    X = 88,
    /// <summary>The Y key.</summary>
    Y = 89,
    /// <summary>The Z key.</summary>
    Z = 90,
    /// <summary>The LeftBracket key.</summary>
    LeftBracket = 91,
    /// <summary>The BackSlash key.</summary>
    BackSlash = 92,
    /// <summary>The RightBracket key.</summary>
    RightBracket = 93,
    /// <summary>The GraveAccent key.</summary>
    GraveAccent = 96,
    /// <summary>Non-US key 1.</summary>
    World1 = 161,
    /// <summary>Non-US key 2.</summary>
    World2 = 162,
    /// <summary>The Escape key.</summary>
    Escape = 256,
    /// <summary>The Enter key.</summary>
    Enter = 257,
    /// <summary>The Tab key.</summary>
    Tab = 258,
    /// <summary>The Backspace key.</summary>
    Backspace = 259,
    /// <summary>The Insert key.</summary>
    Insert = 260,
    /// <summary>The Delete key.</summary>
    Delete = 261,
    /// <summary>The Right key.</summary>
    Right = 262,
    /// <summary>The Left key.</summary>
    Left = 263,
    /// <summary>The Down key.</summary>
    Down = 264,
    /// <summary>The Up key.</summary>
    Up = 265,
    /// <summary>The PageUp key.</summary>
    PageUp = 266,
    /// <summary>The PageDown key.</summary>
    PageDown = 267,
    /// <summary>The Home key.</summary>
    Home = 268,
    /// <summary>The End key.</summary>
    End = 269,
    /// <summary>The CapsLock key.</summary>
    CapsLock = 280,
    /// <summary>The ScrollLock key.</summary>
    ScrollLock = 281,
    /// <summary>The NumLock key.</summary>
    NumLock = 282,
    /// <summary>The PrintScreen key.</summary>
    PrintScreen = 283,
    /// <summary>The Pause key.</summary>
    Pause = 284,
    /// <summary>Function key 1.</summary>
    F1 = 290,
    /// <summary>Function key 2.</summary>
    F2 = 291,
    /// <summary>Function key 3.</summary>
    F3 = 292,
    /// <summary>Function key 4.</summary>
    F4 = 293,
    /// <summary>Function key 5.</summary>
    F5 = 294,
    /// <summary>Function key 6.</summary>
    F6 = 295,
    /// <summary>Function key 7.</summary>
    F7 = 296,
    /// <summary>Function key 8.</summary>
    F8 = 297,
    /// <summary>Function key 9.</summary>
    F9 = 298,
    /// <summary>Function key 10.</summary>
    F10 = 299,
    /// <summary>Function key 11.</summary>
    F11 = 300,
    /// <summary>Function key 12.</summary>
    F12 = 301,
    /// <summary>Function key 13.</summary>
    F13 = 302,
    /// <summary>Function key 14.</summary>
    F14 = 303,
    /// <summary>Function key 15.</summary>
    F15 = 304,
    /// <summary>Function key 16.</summary>
    F16 = 305,
    /// <summary>Function key 17.</summary>
    F17 = 306,
    /// <summary>Function key 18.</summary>
    F18 = 307,
    /// <summary>Function key 19.</summary>
    F19 = 308,
    /// <summary>Function key 20.</summary>
    F20 = 309,
    /// <summary>Function key 21.</summary>
    F21 = 310,
    /// <summary>Function key 22.</summary>
    F22 = 311,
    /// <summary>Function key 23.</summary>
    F23 = 312,
    /// <summary>Function key 24.</summary>
    F24 = 313,
    /// <summary>Function key 25.</summary>
    F25 = 314,
    /// <summary>Keypad 0.</summary>
    Keypad0 = 320,
    /// <summary>Keypad 1.</summary>
    Keypad1 = 321,
    /// <summary>Keypad 2.</summary>
    Keypad2 = 322,
    /// <summary>Keypad 3.</summary>
    Keypad3 = 323,
    /// <summary>Keypad 4.</summary>
    Keypad4 = 324,
    /// <summary>Keypad 5.</summary>
    Keypad5 = 325,
    /// <summary>Keypad 6.</summary>
    Keypad6 = 326,
    /// <summary>Keypad 7.</summary>
    Keypad7 = 327,
    /// <summary>Keypad 8.</summary>
    Keypad8 = 328,
    /// <summary>Keypad 9.</summary>
    Keypad9 = 329,
    /// <summary>The KeypadDecimal key.</summary>
    KeypadDecimal = 330,
    /// <summary>The KeypadDivide key.</summary>
    KeypadDivide = 331,
    /// <summary>The KeypadMultiply key.</summary>
    KeypadMultiply = 332,
    /// <summary>The KeypadSubtract key.</summary>
    KeypadSubtract = 333,
    /// <summary>The KeypadAdd key.</summary>
    KeypadAdd = 334,
    /// <summary>The KeypadEnter key.</summary>
    KeypadEnter = 335,
    /// <summary>The KeypadEqual key.</summary>
    KeypadEqual = 336,
    /// <summary>The ShiftLeft key.</summary>
    ShiftLeft = 340,
    /// <summary>The ControlLeft key.</summary>
    ControlLeft = 341,
    /// <summary>The AltLeft key.</summary>
    AltLeft = 342,
    /// <summary>The SuperLeft key.</summary>
    SuperLeft = 343,
    /// <summary>The ShiftRight key.</summary>
    ShiftRight = 344,
    /// <summary>The ControlRight key.</summary>
    ControlRight = 345,
    /// <summary>The AltRight key.</summary>
    AltRight = 346,
    /// <summary>The SuperRight key.</summary>
    SuperRight = 347,
    /// <summary>The Menu key.</summary>
    Menu = 348,
}
