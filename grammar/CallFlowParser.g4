// The structure of a .vflow file. The parse tree is turned into CallFlow's own syntax tree by
// SyntaxTreeBuilder; nothing after it sees these rules. Statements end at a newline or `;`.
parser grammar CallFlowParser;

options { tokenVocab = CallFlowLexer; }

// Every statement ends with a newline or ';'. SyntaxTree.Lex adds an invisible ';' before each '}' and before
// the end of the file, so `{ disconnect }` needs no separator, and every loop below is decided by one token:
// no ambiguity between an argument and the next statement, and error recovery resynchronises per statement.
compilationUnit
    : sep* topStatement* EOF
    ;

// A statement owns its separator, so a bad token before the line end is recovered inside the statement
// and the enclosing block's '}' is left for the block.
topStatement
    : declaration (NEWLINE | SEMI)+
    ;

sep : NEWLINE | SEMI ;

declaration
    : startDeclaration
    | moduleDeclaration
    | conditionDeclaration
    | userVariableDeclaration
    ;

// start default leave { ... }   start user "Extn201" collect { ... }   start shortcode "*88" { ... }
startDeclaration
    : START owner=IDENT name=STRING? kind=IDENT? flowBody
    ;

// module Reception { ... }   direct module Attend { ... }   (direct: can be run as VM:Attend)
moduleDeclaration
    : DIRECT? MODULE name=IDENT flowBody
    ;

// condition OfficeHours = weekly(Mon-Fri 09:00-17:30) and not Holidays
conditionDeclaration
    : CONDITION name=IDENT ASSIGN conditionExpression
    ;

// uservar NightService = "0"
userVariableDeclaration
    : USERVAR name=IDENT (ASSIGN value)?
    ;

// A forgotten '}' is caught by StatementErrorStrategy when the next declaration (or, in an action body, the
// next label) arrives, so the rest of the file is still parsed.
flowBody
    : LBRACE sep* flowStatement* RBRACE
    ;

flowStatement
    : action (NEWLINE | SEMI)+
    ;

// [Label:] kind [arguments] [{ settings and result connections }] [-> target]
action
    : LABEL? kind=IDENT arguments? actionBody? (ARROW target)?
    ;

arguments
    : value (COMMA value)*
    ;

actionBody
    : LBRACE sep* bodyStatement* RBRACE
    ;

bodyStatement
    : bodyItem (NEWLINE | SEMI)+
    ;

bodyItem
    : connection
    | keyBranch
    | caseBranch
    | setting
    ;

// timeout 5s    prompt "welcome.wav", system(1020)    mailbox caller
setting
    : name=IDENT arguments?
    ;

// on Success -> Goodbye    on Timeout, Invalid -> MainMenu    on Failure { speak_text "Sorry" }
connection
    : ON resultName (COMMA resultName)* branch
    ;

resultName
    : IDENT
    | STRING
    ;

// key 1 -> Sales    key "*9" -> Operator    key "???" { ... }
keyBranch
    : KEY (keyPattern=value | keySymbol=(STAR | HASH)) branch
    ;

// case "201" -> Boss    case extension -> Transfer
caseBranch
    : CASE value branch
    ;

branch
    : ARROW target
    | flowBody
    ;

// A label, or an inline terminal action: disconnect, home, return [Name], goto Module. Any action's arguments
// and settings block are accepted here so that a mistake (-> transfer "200" { ... }) is one clear error from
// the binder (VF1024, VF1044) instead of a syntax error that throws the rest of the flow out of step.
target
    : name=IDENT arguments? actionBody? (ARROW target)?
    ;

value
    : STRING                                                        # stringValue
    | NUMBER                                                        # numberValue
    | DURATION                                                      # durationValue
    | TIME                                                          # timeValue
    | DATE                                                          # dateValue
    | VARIABLE                                                      # variableValue
    | (TRUE | FALSE)                                                # booleanValue
    | name=IDENT LPAREN (value (COMMA value)*)? RPAREN              # callValue
    | IDENT                                                         # nameValue
    | LBRACK (value (COMMA value)*)? RBRACK                         # listValue
    ;

conditionExpression
    : NOT operand=conditionExpression                               # notCondition
    | left=conditionExpression AND right=conditionExpression        # andCondition
    | left=conditionExpression OR right=conditionExpression         # orCondition
    | LPAREN inner=conditionExpression RPAREN                       # parenthesizedCondition
    | left=comparand op=(EQ | NEQ | LT | GT | LE | GE) right=comparand # compareCondition
    | name=IDENT LPAREN (periodItem (COMMA periodItem)*)? RPAREN    # functionCondition
    | (TRUE | FALSE)                                                # literalCondition
    | name=IDENT                                                    # referenceCondition
    ;

comparand
    : VARIABLE
    | STRING
    | NUMBER
    ;

// Mon-Fri 09:00-17:30     2026-12-25     2026-12-24 - 2026-12-31
periodItem
    : rangePart+
    ;

rangePart
    : low=rangeBound (DASH high=rangeBound)?
    ;

rangeBound
    : IDENT
    | DATE
    | TIME
    | NUMBER
    ;
