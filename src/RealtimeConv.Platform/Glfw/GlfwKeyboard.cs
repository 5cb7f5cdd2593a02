using RealtimeConv.Platform.Input;

namespace RealtimeConv.Platform.Glfw;

/// <summary>A GLFW window's keyboard: the window's key callback raises its events.</summary>
internal sealed unsafe class GlfwKeyboard(GlfwLibrary glfw, nint window) : IKeyboard
{
    /// <inheritdoc />
    public event Action<IKeyboard, Key, int>? KeyDown;

    /// <inheritdoc />
    public event Action<IKeyboard, Key, int>? KeyUp;

    /// <inheritdoc />
    public bool IsKeyPressed(Key key)
    {
        // glfwGetKey reports GLFW_INVALID_ENUM for codes outside its table, Unknown (-1) included.
        int code = (int)key;
        if (code < GlfwConstants.KeyFirst || code > GlfwConstants.KeyLast) return false;
        return glfw.GetKey(window, code) == GlfwConstants.Press;
    }

    /// <summary>
    /// Turns one GLFW key event into <see cref="KeyDown"/> or <see cref="KeyUp"/>. Auto-repeat
    /// (<c>GLFW_REPEAT</c>) raises nothing: a held key is one press.
    /// </summary>
    public void OnKey(int key, int scancode, int action)
    {
        switch (action)
        {
            case GlfwConstants.Press: KeyDown?.Invoke(this, (Key)key, scancode); break;
            case GlfwConstants.Release: KeyUp?.Invoke(this, (Key)key, scancode); break;
        }
    }
}
