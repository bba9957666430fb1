module hearth/examples

go 1.24

require hearth/guestabi v0.0.0

replace hearth/guestabi => ../../guest-abi/go
