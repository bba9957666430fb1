	.file	"<stdin>"
__SP_H__ = 0x3e
__SP_L__ = 0x3d
__SREG__ = 0x3f
__tmp_reg__ = 0
__zero_reg__ = 1
	.text
	.section	.text.startup,"ax",@progbits
.global	main
	.type	main, @function
main:
/* prologue: function */
/* frame size = 0 */
/* stack size = 0 */
.L__stack_usage = 0
	ldi r24,lo8(-1)
	ldi r25,lo8(-1)
	ldi r18,lo8(msg)
	ldi r19,hi8(msg)
.L3:
	movw r30,r18
	ld r20,Z
	subi r18,-1
	sbci r19,-1
	eor r24,r20
	ldi r20,lo8(8)
.L2:
	movw r22,r24
	lsr r23
	ror r22
	mov r21,r24
	movw r24,r22
	sbrs r21,0
	rjmp .L7
	ldi r21,lo8(1)
	eor r24,r21
	ldi r21,lo8(-96)
	eor r25,r21
.L7:
	subi r20,lo8(1)
	brne .L2
	ldi r20,hi8(msg+5)
	cpi r18,lo8(msg+5)
	cpc r19,r20
	brne .L3
	sts port,r24
	sts port,r25
.L4:
	rjmp .L4
	.size	main, .-main
.global	msg
	.section	.rodata
	.type	msg, @object
	.size	msg, 6
msg:
	.string	"hello"
.global	port
	.section .bss
	.type	port, @object
	.size	port, 1
port:
	.zero	1
	.ident	"GCC: (GNU) 15.2.0"
.global __do_copy_data
.global __do_clear_bss
