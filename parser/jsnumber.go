package parser

import (
	"math"
	"strconv"
	"strings"
)

// jsNumber renders a JSON number the way Postman's JavaScript runtime turns
// it into text (ECMAScript Number::toString): JSON.parse reads it as a
// float64, so 1.0 is "1", 1e2 is "100", 12345678901234567890 is
// "12345678901234567000", 1e999 is "Infinity" and 1e-999 is "0". The
// digits are the shortest that round-trip, as in JavaScript.
func jsNumber(raw string) string {
	f, err := strconv.ParseFloat(raw, 64)
	if err != nil && !math.IsInf(f, 0) && f != 0 {
		return raw // not a number gjson would accept; keep it as written
	}
	switch {
	case math.IsInf(f, 1):
		return "Infinity"
	case math.IsInf(f, -1):
		return "-Infinity"
	case f == 0:
		return "0" // -0 too
	}
	sign := ""
	if f < 0 {
		sign, f = "-", -f
	}
	// d.ddde±x: the shortest digits and the exponent.
	s := strconv.FormatFloat(f, 'e', -1, 64)
	mant, exp, _ := strings.Cut(s, "e")
	digits := strings.Replace(mant, ".", "", 1)
	x, _ := strconv.Atoi(exp)
	k, n := len(digits), x+1 // value = 0.digits × 10^n
	switch {
	case k <= n && n <= 21:
		return sign + digits + strings.Repeat("0", n-k)
	case 0 < n && n <= 21:
		return sign + digits[:n] + "." + digits[n:]
	case -6 < n && n <= 0:
		return sign + "0." + strings.Repeat("0", -n) + digits
	}
	e := "e+"
	if n-1 < 0 {
		e = "e-"
	}
	out := sign + digits[:1]
	if k > 1 {
		out += "." + digits[1:]
	}
	return out + e + strconv.Itoa(abs(n-1))
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
