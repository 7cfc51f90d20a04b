package sdk

import (
	"regexp"
	"testing"
)

// Each dynamic variable gives a value of the shape Postman's does
// (POSTMAN-FORMAT.md Appendix B).
func TestDynamicVariableShapes(t *testing.T) {
	shapes := map[string]string{
		"$randomSemver":       `^\d\.\d\.\d$`,
		"$randomFirstName":    `^[A-Z][a-z]+$`,
		"$randomFullName":     `^[A-Z][a-z]+ [A-Z][a-z]+$`,
		"$randomUserName":     `^[A-Z][a-z]+\.[A-Z][a-z]+\d\d$`,
		"$randomPassword":     `^[A-Za-z0-9]{15}$`,
		"$randomDomainName":   `^[a-z]+\.[a-z]+$`,
		"$randomUrl":          `^https?://[a-z]+\.[a-z]+$`,
		"$randomEmail":        `^[A-Z][a-z]+\.[A-Z][a-z]+@[a-z]+\.com$`,
		"$randomExampleEmail": `^[A-Z][a-z]+\.[A-Z][a-z]+@example\.(com|org|net)$`,
		"$randomIP":           `^\d{1,3}(\.\d{1,3}){3}$`,
		"$randomIPV6":         `^[0-9a-f]{1,4}(:[0-9a-f]{1,4}){7}$`,
		"$randomHexColor":     `^#[0-9a-f]{6}$`,
		"$randomMACAddress":   `^[0-9a-f]{2}(:[0-9a-f]{2}){5}$`,
		"$randomPhoneNumber":  `^\d{3}-\d{3}-\d{4}$`,
		"$randomProtocol":     `^https?$`,
		"$isoTimestamp":       `^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$`,
	}
	c := &Core{}
	for name, shape := range shapes {
		for i := 0; i < 20; i++ {
			got, err := c.Resolve("{{" + name + "}}")
			if err != nil || !regexp.MustCompile(shape).MatchString(got) {
				t.Errorf("%s = %q, %v; want %s", name, got, err, shape)
				break
			}
		}
	}
	if _, err := c.Resolve("{{$randomNoSuchThing}}"); err == nil {
		t.Error("an unknown dynamic variable resolved")
	}
}
