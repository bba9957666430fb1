module hearth/guestabi

go 1.24
