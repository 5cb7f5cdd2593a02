using RealtimeConv.Imaging;

namespace RealtimeConv.Tests.Imaging;

public sealed class NaturalSortComparerTests
{
    [Fact]
    public void NumbersCompareByValueAndTextIgnoresCase()
    {
        string[] names = ["img10.png", "IMG2.png", "img1.png", "img2a.png", "b.png", "A.png", "img02.png", "img100.png", "img9.png"];

        var sorted = names.OrderBy(n => n, NaturalSortComparer.Instance).ToArray();

        Assert.Equal(["A.png", "b.png", "img1.png", "IMG2.png", "img02.png", "img2a.png", "img9.png", "img10.png", "img100.png"], sorted);
    }

    [Theory]
    [InlineData("frame2", "frame10", -1)]
    [InlineData("frame10", "frame2", 1)]
    [InlineData("a", "A", 1)]                       // equal ignoring case: ordinal decides, 'A' < 'a'
    [InlineData("x1", "x01", -1)]                   // equal numbers: fewer leading zeros first
    [InlineData("x", "x1", -1)]
    [InlineData("99999999999999999999", "100000000000000000000", -1)] // longer than any integer type
    [InlineData("same", "same", 0)]
    public void PairsCompareAsDocumented(string x, string y, int sign) =>
        Assert.Equal(sign, Math.Sign(NaturalSortComparer.Instance.Compare(x, y)));
}
