// A CoreMark-style mix of our own: list walking, a small matrix kernel, a state machine
// and CRC-16, each feeding the next through a running checksum.
#include "common.h"
typedef struct Node { struct Node *next; int value; } Node;
static Node nodes[1000];
static short matrix_a[16][16], matrix_b[16][16];
static int matrix_c[16][16];
static const char input[] = "5012,+3.14e-2,-88,0x1F,12.75,abc,-0.5e3,7,+,99.0,1e9,3.2.1,4096,-x";

static unsigned short crc16(unsigned short crc, u32 data) {
    for (int i = 0; i < 32; i++) {
        unsigned short bit = (unsigned short)((crc ^ data) & 1);
        crc >>= 1; data >>= 1;
        if (bit) crc ^= 0xA001;
    }
    return crc;
}

static int list_work(int seed) {
    Node *head = 0;
    for (int i = 0; i < 1000; i++) { nodes[i].value = (i * 7919 + seed) & 0xFFFF; nodes[i].next = head; head = &nodes[i]; }
    // Reverse, then find and sum.
    Node *prev = 0;
    while (head) { Node *next = head->next; head->next = prev; prev = head; head = next; }
    int sum = 0;
    for (Node *p = prev; p; p = p->next) if (p->value & 1) sum += p->value; else sum ^= p->value;
    return sum;
}

static int matrix_work(int seed) {
    for (int i = 0; i < 16; i++) for (int j = 0; j < 16; j++) {
        matrix_a[i][j] = (short)((i * j + seed) & 0xFF); matrix_b[i][j] = (short)((i + j * seed) & 0xFF);
    }
    int acc = 0;
    for (int i = 0; i < 16; i++) for (int j = 0; j < 16; j++) {
        int s = 0;
        for (int k = 0; k < 16; k++) s += matrix_a[i][k] * matrix_b[k][j];
        matrix_c[i][j] = s; acc += s >> 3;
    }
    return acc;
}

enum { START, INT, FLOAT, EXP, HEX, INVALID };
static int state_work(void) {
    int counts[6] = {0}, state = START;
    for (int i = 0; input[i]; i++) {
        char c = input[i];
        if (c == ',') { counts[state]++; state = START; continue; }
        switch (state) {
        case START: state = (c >= '0' && c <= '9') || c == '+' || c == '-' ? INT : INVALID; break;
        case INT: if (c == '.') state = FLOAT; else if (c == 'x') state = HEX; else if (c == 'e') state = EXP; else if (c < '0' || c > '9') state = INVALID; break;
        case FLOAT: if (c == 'e') state = EXP; else if (c < '0' || c > '9') state = INVALID; break;
        case EXP: if (c != '-' && c != '+' && (c < '0' || c > '9')) state = INVALID; break;
        case HEX: if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'F'))) state = INVALID; break;
        default: break;
        }
    }
    counts[state]++;
    return counts[INT] * 1 + counts[FLOAT] * 10 + counts[EXP] * 100 + counts[HEX] * 1000 + counts[INVALID] * 10000;
}

EXPORT(run) u64 run(int iterations) {
    unsigned short crc = 0;
    for (int i = 0; i < iterations; i++) {
        crc = crc16(crc, (u32)list_work(i));
        crc = crc16(crc, (u32)matrix_work(i + crc));
        crc = crc16(crc, (u32)state_work());
    }
    return crc;
}
