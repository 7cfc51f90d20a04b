package sdk

import (
	"fmt"
	"strings"
)

// This file holds the dynamic variables beyond the core ones of vars.go
// (POSTMAN-FORMAT.md Appendix B): Postman draws them from faker.js, so no
// two runs send the same value; here they come from small lists with the
// same shape (an e-mail is an e-mail, a URL a URL), which is all a server
// can rely on.

var (
	firstNames     = []string{"Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Frances", "Ken", "Radia", "Niklaus"}
	lastNames      = []string{"Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Knuth", "Allen", "Thompson", "Perlman", "Wirth"}
	domainWords    = []string{"acme", "globex", "initech", "umbrella", "hooli", "stark", "wayne", "wonka", "tyrell", "cyberdyne"}
	domainSuffixes = []string{"com", "net", "org", "info", "biz", "name", "io"}
	mailHosts      = []string{"gmail.com", "yahoo.com", "hotmail.com"}
	colors         = []string{"red", "green", "blue", "purple", "orange", "teal", "maroon", "olive", "silver", "violet"}
)

// pick returns a random element of list.
func pick(list []string) string { return list[randomUint64()%uint64(len(list))] }

// randomDigits returns n random decimal digits.
func randomDigits(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte('0' + randomUint64()%10)
	}
	return string(b)
}

// moreDynamicVariable produces a value for the dynamic variables of
// Appendix B that vars.go does not handle.
func moreDynamicVariable(name string) (string, bool) {
	switch name {
	case "$randomSemver":
		return fmt.Sprintf("%d.%d.%d", randomUint64()%10, randomUint64()%10, randomUint64()%10), true
	case "$randomFirstName":
		return pick(firstNames), true
	case "$randomLastName":
		return pick(lastNames), true
	case "$randomFullName":
		return pick(firstNames) + " " + pick(lastNames), true
	case "$randomUserName":
		return pick(firstNames) + "." + pick(lastNames) + randomDigits(2), true
	case "$randomPassword":
		const chars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
		b := make([]byte, 15)
		for i := range b {
			b[i] = chars[randomUint64()%uint64(len(chars))]
		}
		return string(b), true
	case "$randomProtocol":
		return pick([]string{"http", "https"}), true
	case "$randomDomainWord":
		return pick(domainWords), true
	case "$randomDomainSuffix":
		return pick(domainSuffixes), true
	case "$randomDomainName":
		return pick(domainWords) + "." + pick(domainSuffixes), true
	case "$randomUrl":
		return pick([]string{"http", "https"}) + "://" + pick(domainWords) + "." + pick(domainSuffixes), true
	case "$randomEmail":
		return pick(firstNames) + "." + pick(lastNames) + "@" + pick(mailHosts), true
	case "$randomExampleEmail":
		return pick(firstNames) + "." + pick(lastNames) + "@example." + pick([]string{"com", "org", "net"}), true
	case "$randomIP":
		return fmt.Sprintf("%d.%d.%d.%d", randomUint64()%256, randomUint64()%256, randomUint64()%256, randomUint64()%256), true
	case "$randomIPV6":
		groups := make([]string, 8)
		for i := range groups {
			groups[i] = fmt.Sprintf("%x", randomUint64()%0x10000)
		}
		return strings.Join(groups, ":"), true
	case "$randomHexColor":
		return fmt.Sprintf("#%06x", randomUint64()%0x1000000), true
	case "$randomMACAddress":
		parts := make([]string, 6)
		for i := range parts {
			parts[i] = fmt.Sprintf("%02x", randomUint64()%256)
		}
		return strings.Join(parts, ":"), true
	case "$randomPhoneNumber":
		return randomDigits(3) + "-" + randomDigits(3) + "-" + randomDigits(4), true
	case "$randomColor":
		return pick(colors), true
	}
	return fakerVariable(name)
}
