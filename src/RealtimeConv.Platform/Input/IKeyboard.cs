namespace RealtimeConv.Platform.Input;

/// <summary>A window's keyboard, shaped like Silk.NET's <c>IKeyboard</c>. Events are raised on the window's thread.</summary>
public interface IKeyboard
{
    /// <summary>Raised when a key goes down (keyboard, key, platform scancode); not raised for auto-repeat.</summary>
    event Action<IKeyboard, Key, int>? KeyDown;

    /// <summary>Raised when a key is released (keyboard, key, platform scancode).</summary>
    event Action<IKeyboard, Key, int>? KeyUp;

    /// <summary>Whether <paramref name="key"/> is held down now, as of the last processed events.</summary>
    bool IsKeyPressed(Key key);
}
