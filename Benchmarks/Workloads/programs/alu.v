// An 8-bit ALU for Yosys to synthesise (the benchmark's input).
module alu(input [2:0] op, input [7:0] a, input [7:0] b, output reg [7:0] y, output zero, output carry);
  wire [8:0] sum = a + b;
  always @* case (op)
    3'd0: y = sum[7:0];
    3'd1: y = a - b;
    3'd2: y = a & b;
    3'd3: y = a | b;
    3'd4: y = a ^ b;
    3'd5: y = {a[6:0], a[7]};
    3'd6: y = a < b ? a : b;
    default: y = a > b ? a : b;
  endcase
  assign zero = y == 8'd0;
  assign carry = sum[8];
endmodule
