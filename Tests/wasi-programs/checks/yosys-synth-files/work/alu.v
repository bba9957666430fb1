module alu(input [1:0] op, input [7:0] a, input [7:0] b, output reg [7:0] y, output zero);
  always @* case (op)
    2'd0: y = a + b;
    2'd1: y = a - b;
    2'd2: y = a & b;
    default: y = a ^ b;
  endcase
  assign zero = y == 8'd0;
endmodule
