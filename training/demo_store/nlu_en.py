"""Hand-written English utterances per intent. One core sentence a line; a leading ``-``/``+``/``=`` sets the
sentiment (negative/positive/neutral) where it differs from the intent's default; ``{slots}`` are filled from
the store data (see ``training/demo_store/nlu.py``)."""

from __future__ import annotations

EN: dict[str, str] = {
"greeting": """
hi
hello
hey
hey there
+ hi there! :)
good morning
good afternoon
good evening
hiya
yo
hello?
anyone there?
hi, is this the Northwind help chat?
hello, I have a quick question
hey, can you help me?
+ hello! hope you're having a good day
heya
howdy
morning!
hi hi
hey bot
hello northwind
good morning, I need some help please
hi, this is {name}
hello, my name is {name}
+ hi! first time using this chat
is anybody there
hey, you there?
helo
hii
hey, quick question for you
hi team
hello, customer service?
greetings
hi, I need assistance
sup
- hello?? is anyone actually there
hey, hope you can help
hi again
hello again, it's {name}
= hello there, hope someone can help me today
= good day
+ hi! love your store
= hello, is this the right place for order questions?
hey 👋
HELLO
good morning! anyone around?
hi northwind team
""",
"goodbye": """
bye
goodbye
bye bye
see you
see ya
that's all, bye
ok bye
+ thanks, bye!
talk later
later
cya
I'm done
that's everything for now
have a good one
+ have a nice day, goodbye
gotta go
I have to leave now
nothing else, bye
catch you later
farewell
ok that's it
good night
+ all sorted, bye now
signing off
- forget it, bye
- whatever, I'm leaving
that will be all
no more questions, bye
end chat
close this chat
I'll come back later
bye for now
ttyl
peace out
+ cheers, bye
done, thanks bye
ok, I'm out
that's all I needed, goodbye
i'm good now, bye
exit
= gotta run, thanks anyway
= alright, logging off
= I think that's all, goodbye
= bye, I'll check back tomorrow
- nevermind, bye
= okay, talk to you later
ok cool, bye 👋
alright, have a good weekend
gtg, thanks anyway
bye!!
""",
"thanks": """
thanks
thank you
thanks a lot
thank you so much
thx
ty
many thanks
much appreciated
thanks, that helps
perfect, thank you
great, thanks!
awesome thanks
thanks for the help
cheers
that's really helpful, thanks
appreciate it
thanks for sorting out order {order}
thank you, that answers my question
thanks for your patience
you've been very helpful
brilliant, thank you
thanks so much for the quick reply
ok thanks
= ok, thanks I guess
= thanks but that didn't really answer it
great service, thank you
thank u
tysm
thanks!! you're the best
super helpful, thanks
thanks a ton
lovely, thank you
thank you for the tracking number
thanks for checking on my refund
that's great news, thanks
thanks, I'll keep an eye on my inbox
thank you very much for your help
wow that was fast, thanks
merci
thanks, much better now
= thank you for clarifying
+ you saved my day, thank you!
= thanks for the info on shipping
+ amazing, thank you so much!!
= ok great, thx for explaining
thanks 🙏
ty so much
= ok thanks, I'll wait then
you're a star, thanks
""",
"order_status": """
where's {order}
where is my order
= what's the status of order {order}
= status of order #{order}
= has my order {order} shipped yet?
= can you check on order {order} for me please
= I placed an order last week, what's happening with it
- where is my order?? it's been a week
- WHERE IS MY ORDER {order}
- this is ridiculous, order {order} still hasn't arrived
= order status
= check order {order}
= has order {order} been dispatched
= what's going on with my order
= is my order on its way
= did my order go through? it's {order}
= order number {order}, any update?
= I'd like an update on my purchase please
= hi, could you tell me whether order {order} has shipped
- why is my order still processing after 3 days
= when will my order be shipped
= my order number is {order}
= I ordered the {product} a few days ago, any news?
= can you look up my order? email is {email}
= my order hasn't arrived yet
- still waiting on my order, what's the holdup
= whats the status of my oder
= order {order} status pls
= has my package left the warehouse
= was my order delivered? it says {order}
= is order {order} processing or shipped
- I've been waiting forever for order {order}
= could you check where my stuff is, order {order}
= any news on #{order}?
= I want to know the status of my recent purchase
= when is order {order} expected
= what's the ETA on order {order}
= did you ship my {product} yet
+ so excited for my new tent! has order {order} shipped yet?
+ hi! just checking in on order {order}, no rush :)
order 1042?
- ORDER {order} WHERE IS IT
= is {order} still processing?
= has anything happened with my order since yesterday
= can you tell me if my order was confirmed
= what stage is order {order} at
- 5 days and my order {order} still hasn't shipped, seriously?
= my order number is {order} and my email is {email}, status please
""",
"track_shipment": """
can I get the tracking number for order {order}
= what's my tracking number
= track my package
= tracking {tracking}
= where is package {tracking}
= which carrier is delivering order {order}
- my tracking hasn't updated in 4 days
- tracking number {tracking} says nothing, what's going on
= how do I track my shipment
= send me the tracking link for {order}
= is my parcel with UPS or FedEx?
= the tracking page says label created, what does that mean
- tracking shows delivered but I have nothing
= my package says out for delivery, when will it arrive today
= can you track {tracking} for me
= where is my parcel right now
- the carrier lost my package
= I didn't get a shipping confirmation email with tracking
= my tracking number doesn't work on the USPS site
- package stuck in transit for a week!!
= what does in transit mean on my tracking
= who is the courier for my shipment
= trackin number pls
= can you resend the tracking info to {email}
= is there a way to follow my delivery
= parcel tracking for order {order}
- the DHL tracking for my order hasn't moved since it left
= my shipment {tracking}, where is it now
= it says delivery exception, what happened
= where can I see tracking details
= give me the tracking code
- tracking says delivered to the wrong address
= how can I see where the driver is
= is {tracking} a UPS number?
= has the courier picked up my parcel yet
= the package for order {order} shows no movement
+ yay it shipped! can you give me the tracking number?
+ thanks for the shipping email, which carrier is it with?
= what's the UPS tracking for order {order}
= the tracking link in my email is broken
- why does my tracking say return to sender??
= can you check where {tracking} is right now
= tracking says awaiting carrier pickup, is that normal
= I need the tracking number to give to my building's front desk
""",
"cancel_order": """
cancel order {order}
= I want to cancel my order
= please cancel order #{order}
= can I still cancel my order?
= how do I cancel an order
= I ordered by mistake, please cancel it
= I need to cancel {order} asap
- cancel my order NOW
- just cancel the whole thing, I'm done waiting
= I changed my mind, cancel order {order}
= is it too late to cancel?
= cancel the {product} I just ordered
= I'd like to cancel my purchase please
= I placed a duplicate order, cancel {order}
= can you stop my order before it ships
= found it cheaper elsewhere, please cancel
= cancel my order, number {order}
= please don't ship order {order}
- cancel this order, your shipping is way too slow
= i want to cancell my order
= how can I cancel an order I placed an hour ago
= please void order {order}
= can I cancel just one item from my order
= undo my last order
= I don't need the order anymore
= remove my order please, it's {order}
= cancellation request for order {order}
= I accidentally ordered twice
= cancel order {order} and refund me
= would it be possible to cancel my recent order?
= pls cancel
= what happens if I cancel before it ships
- I never wanted this, cancel order {order} immediately
= kill the order i just made
= I want my money back before it ships, cancel {order}
+ you've been lovely but I need to cancel order {order}, sorry!
= cancel 1042
- I said CANCEL my order {order}
= order {order} was a mistake, please cancel the whole thing
= please cancel before it ships, I don't need it anymore
= I want to cancel, it's taking too long to process
= can you cancel the order I placed this morning?
""",
"change_order": """
can I change the size on order {order}
= I need to change my order
= please switch the {product} to size {size}
= can I change the colour to {colour} on my order
= I ordered the wrong size, can you change it before it ships?
= add another item to order {order}
= change quantity to 2 on my order
= can I swap the {colour} one for black
= modify order {order} please
= remove one item from my order
= can you upgrade my order {order} to expedited shipping
= I want to edit my order
= is it possible to change my order after paying
= can I add the {product} to my existing order
= change my order from {size} to a size up
= I picked the wrong colour, need {colour} instead
- I made a mistake on my order and the site won't let me fix it
= update the items in order {order}
= I'd like to change the size of my jacket from M to L
= can I combine my two orders
= please replace the size {size} with the next size down
= make it 3 instead of 1 on order {order}
= change shipping speed to overnight for {order}
= I need a different variant of the item I ordered
= could you adjust my order before it ships
= wrong size ordered, order {order}, can you fix
- I need this changed today or it's useless to me
= can I still make changes to my order
= swap item in order {order}
= i want to chnage my order
= add socks to my order please
= can I change what I ordered
= order {order}: please change the colour to {colour}
= take the {product} off my order
= is editing an order possible after checkout?
+ love the jacket so much I want a second one, can you add it to order {order}?
= I ordered size {size} but need the next size down, it hasn't shipped yet
= please change the colour on my order before you ship it
= can you remove the {product} from order {order} and keep the rest
= I'd like to change the quantity on {order} to 3
= could I switch my order to overnight shipping?
= add a second {product} to my order please
""",
"change_shipping_address": """
I need to change my shipping address
= can you update the delivery address on order {order}
= wrong address on my order!
= please ship order {order} to my work address instead
= I moved, how do I change my address
= change delivery address to 42 Pine Road, {city}
- I put the wrong address and the order is already processing, help
= can I send my order to a different address
= update address for order {order}
= the zip code on my order is wrong
= can you redirect my parcel to my office
= I typed the wrong apartment number on order {order}
= new address for my order please
= how do I change where my package is delivered
= please deliver to my parents' house in {city} instead
- your site saved my old address and now it's going to the wrong place
= can I change the shipping address after ordering?
= change ship-to address
= is it too late to change the address on {order}?
= I'm travelling, can it go to a hotel in {city}?
= fix the street name on my order, it's 118 Oak Avenue
= ship to a different address please
= adress change for order {order}
= my order {order} needs to go to a new address
= can I have it delivered to a PO box instead
= change my delivery location
= the city is wrong on my shipping label
= how do I update my saved address for future orders
= could you change the recipient address on my order
= i need it shipped to {city} not home
= please correct my address, missing the unit number
- ordered to my ex's place by accident, please change the address ASAP
= update postal code on {order}
= deliver order {order} to my neighbour's address instead
= change the address in my account
+ great news, I'm moving into my new place! can order {order} go there instead?
= I need order {order} sent to {city} instead of my home
= wrong zip code on order {order}, it should be 97209
= can I change the address on an order that already shipped?
- the address autocomplete messed up my street, fix order {order}
= please update the shipping address on my most recent order
= reroute my package to my work address
""",
"return_item": """
I want to return my {product}
= how do I return something
= I'd like to return an item from order {order}
= can I return the jacket, it's too small
= start a return for order {order}
= return the {product}, it doesn't fit
- this {product} is junk, I want to return it
= what's the return process
= can I send back a pair of boots I wore once outside
= do I need the original packaging to return?
= I need a return label for order {order}
= return request please
= the {product} isn't what I expected, can I send it back
= I got two sizes and want to return one
= can I return a gift
= how many days do I have to return
= is it too late to return something I bought 5 weeks ago
= return policy for sale items?
- the item arrived broken, I want to return it
= can I return an opened sunscreen
= please send me a return label
= I want to send back order {order}
= returning the {colour} one, wrong colour
= how to send back items
= I'd like to return part of my order
= i wanna retrun this
= where do I ship my return
= can I drop a return at a UPS store
= return {product} from order {order}
= do you accept returns on worn shoes
= the quality is not what I hoped, I'm returning it
= can I return international orders
- returning this garbage, how do I get a label
= I'm not happy with the fit, I'd like to return it
= can I return something without a receipt
= would like to return my purchase from last week
+ the boots are great but sadly too big, how do I return them?
+ lovely quality, just not my style, can I send it back?
= the {product} doesn't fit, I want to send it back
= I'd like to return order {order}, it's not what I expected
= how do I print a return label
- this jacket leaks, I want to return it and get my money back
= can I return just the {product} from order {order}
= I bought the wrong thing, how do I return it
""",
"refund_status": """
where is my refund
= when will I get my money back
= has my refund for order {order} been processed
- I returned the item 2 weeks ago and still no refund
= refund status for {order}
= how long do refunds take
- still waiting on my refund, this is unacceptable
= did you receive my return?
= I haven't seen the refund on my card
= my refund for the {product}, any update?
= when will the refund show on my statement
= can you check if my refund went through
= refund for order {order} please check
= you got my return, so where is my money
- it's been 10 days and no refund, what is going on
= how much will I be refunded for order {order}
= was my refund issued to PayPal?
= is the refund going to my original card
= I cancelled order {order}, when do I get the money back
= when will the pending charge disappear after cancellation
= refund hasnt arrived
= I was only refunded part of the price, why?
= did you refund the shipping too
= any update on my refund? email {email}
= my return was delivered to you on Monday, refund?
- you took my money and never refunded me
= confirm my refund please
= my card expired, where does the refund go
= status of my money back
= refund update for #{order}
= has the refund been approved yet
= why was my refund less than what I paid
= refund not received yet for order {order}
= I still see the charge even though I returned everything
= how can I track my refund
= when will I see the refund for my returned boots
= has the money for order {order} been sent back yet
+ got the email that you received my return, thanks! when's the refund?
= my refund shows as issued but my bank doesn't see it
+ thanks for processing my return so fast! when will the refund show up?
= I returned the {product} last week, has the refund gone through?
= did you get my return for order {order}?
- where's my money? I sent the item back ages ago
= when will I be refunded for the cancelled order {order}
= is my refund going back to PayPal?
= refund still pending on my card, how long?
""",
"exchange_item": """
can I exchange this for a different size
= I want to exchange my {product} for size {size}
= exchange order {order} for a bigger size
= swap the {colour} one for navy please
= I need a smaller size, can I exchange it?
= how do exchanges work
= exchange the boots for a half size up
= can I exchange for a different colour
= I'd like to exchange the jacket I got in order {order}
= is exchanging free?
= the {product} is too tight, I want size {size} instead
= can I exchange a gift
= exchange instead of refund please
- wrong size again, I need to exchange this
= how long does an exchange take
= can I swap it for a different product
= exchange request for {order}
= my size {size} is out of stock for the exchange, what now
= I'd like the same item in {colour}
= change my item for another size
= exchange pants 32 for 34 inseam
= i want to exhange it
= can I do an exchange internationally
= do I have to pay shipping for an exchange
= please exchange my order {order}, it's too big
= swap size M for L
- you sent the wrong size, I need an exchange right away
= can I exchange an item I bought on sale
= exchange the {product} for the next size
= I want a different colour of the same shoes
= trade in for another size please
= how do I exchange something
= exchange for {colour} please, order {order}
= can I swap sizes without returning first
= the colour looks different in person, can I exchange?
+ I love the {product}! just need it one size up
+ really happy with the colour, but can I exchange for a smaller size?
= can I swap the {product} for a {size}?
= exchange the boots for size 10 please
= I'd like a different colour instead of a refund
= do exchanges ship before you get my return?
- the size {size} you sent is way too small, exchange it
= switch my {product} for the {colour} one
""",
"payment_issue": """
my payment was declined
- I was charged twice for order {order}!
= my card keeps getting rejected at checkout
= payment failed but money was taken
= why was I charged before my order shipped
= PayPal isn't working at checkout
= there's a charge I don't recognise from Northwind
= can I change the card on order {order}
= I see two pending charges
- your checkout keeps saying payment error, fix it
= Apple Pay won't go through
= my gift card balance isn't applying
= I got charged the wrong amount
= payment error when ordering the {product}
= the order total is different from what my bank shows
- you double charged me, I want it fixed now
= does the card get charged when I order or when it ships?
= my bank says the payment is on hold
= checkout won't accept my Amex
= can I pay with a different method for order {order}
= I was charged {price} dollars but the price was lower
= the charge for my cancelled order is still there
= billing address doesn't match error
= payment problem
= my debit card was declined but it has money
= I think my card was charged for a cancelled order
= can't complete payment
= i got billed 2x
= why does it say authorization pending
= Google Pay keeps failing
= payment went through but no order confirmation
= I was charged sales tax incorrectly
= my card got charged {price} for order {order}, that's wrong
= cannot pay with paypal pay in 4
= the payment page just spins forever
= my credit card got charged but the order shows failed
= why is there a $1 charge from Northwind on my statement
= the payment didn't go through with my Discover card
- I was charged for an order I never placed
= can I split the payment between two cards
= my gift card says insufficient balance
+ really want to buy this today but my card keeps failing, can you help?
= my Visa was declined even though I have funds
= why do I see a pending charge for a cancelled order
- you charged my card twice for {order}!!
= the checkout says payment could not be processed
= can I pay with a gift card and a credit card together
= my Mastercard keeps getting declined
""",
"apply_promo_code": """
how do I use a promo code
= I have a discount code, where do I enter it?
- my promo code {code} isn't working
= does {code} work on sale items?
= can I apply {code} to order {order}
= I forgot to use my coupon
= can I use two promo codes
= is there a discount for first orders
= apply code {code} please
= the coupon says invalid
= what promo codes do you have right now
- your discount code is fake, it doesn't work
= where's the promo box at checkout
= can you add {code} to my last order
= code {code} expired?
= any coupons available?
= do you have a student discount
= my voucher didn't apply
= I signed up for the newsletter but didn't get a code
= does {code} include free shipping
= can promo codes be used with gift cards
= I'd like to redeem a coupon
= discount code not accepted at checkout
= how much off is {code}?
= why doesn't {code} work on my {price} dollar order
= do you have any deals this week
= i have a promo code but forgot where to put it
= is there a code for free shipping
= promo not applied to my order {order}
- I entered {code} and got charged full price
= how do I get the welcome discount
= can I get the discount retroactively
= can I stack discounts
= black friday code?
= reward points instead of promo code?
+ yay I got a welcome code! where do I put it?
= is {code} still valid?
= I forgot to enter {code}, can you apply it to order {order}?
- {code} says expired but your email said it's valid
= do you have a discount code for first orders?
= can I use {code} on a {price} dollar order?
= where do I type the coupon code
""",
"shipping_options": """
what shipping options do you have
= how much is shipping
= do you offer free shipping
= what's the minimum for free shipping
= do you ship to Canada
= can I get overnight delivery
= is express shipping available
= how much is expedited shipping
= do you ship internationally
= do you ship to PO boxes
= which carriers do you use
= shipping cost to {city}?
= can I pick up my order in person
= do you deliver to Mexico
= shipping to the UK, how much
= is shipping free over {price}?
= do you ship on weekends
- why is shipping so expensive
= what delivery methods can I choose
= can you ship to an APO address
= do you use DHL for international orders
= is there same-day delivery
= do I pay customs on international orders
= can I choose UPS instead of USPS
= free shipping threshold?
= how much to ship the {product}
= shipping options for Spain
= do you ship to China
= do you ship to Hawaii
= can I get it shipped to Australia
= what's the cheapest shipping
= are there shipping discounts
= does expedited shipping count towards free shipping
= whats ur shipping fee
= do international orders ship free over a certain amount
= do you have a pickup option
= can I pay extra for faster shipping
= how much is overnight shipping
= do you ship to Puerto Rico
= is there free shipping on returns
= what does international shipping cost
= what shipping companies do you use for international orders
= do you ship to military bases
= how much is shipping to Germany
+ love your stuff! do you ship to Australia?
= what are my shipping choices
= is shipping free if I spend {price}?
= do you ship overnight to New York
= can I pick a specific carrier
= what does expedited shipping cost
= do you deliver to Canada and how much
""",
"delivery_time": """
how long does delivery take
= when will my order arrive if I order today
= how long does standard shipping take
= how many days for expedited shipping
= if I order now will it arrive by Friday
= how long does shipping to {city} take
= what's the delivery time for international orders
= will it arrive before Christmas
= how fast can you get the {product} to me
= how long until it ships
= what's the cut-off for same-day dispatch
= delivery time to Canada?
= how long for overnight shipping really
- why does shipping take so long
= I need it by Saturday, is that possible?
= when will it be delivered if I choose standard
= how soon does an order ship
= average delivery time?
= how many business days is standard delivery
= do you ship the same day
= when would the {product} arrive in {city}
= how long does DHL take to Spain
= can I get it in 2 days
= how long does it take to process orders
= when do orders placed on the weekend ship
= delivery estimate for the UK
= how long will it take to get here
= how quick is your shipping
= if I order the {product} tonight, when do I get it
= is delivery faster with UPS
- I need this for a trip next week, will it even get here in time?
= processing time?
= how long to get a package in Mexico City
= how long is delivery
= when can I expect delivery if I pay for expedited
= how long does it take to get to Canada
= when will it arrive if I order on Sunday
= how long does shipping take during the holidays
= is overnight really next day
= what day would it arrive with standard shipping
= how long does delivery to a PO box take
+ your shipping was super quick last time, is it still 3-5 days?
= do orders ship on Black Friday
= if I order the {product} today, when will it arrive?
= how many days does expedited take to {city}?
= will my order arrive by next Friday with standard shipping?
= how long does it take to ship to the UK
= when does an order placed at 3pm ship?
- why does standard shipping take up to 5 days?
""",
"product_question": """
is the {product} waterproof?
= what is the {product} made of
= how much does the {product} weigh
= does the {product} have pockets
= what's the battery life of the {product}
= is the {product} machine washable
= how warm is the {product}
= does the {product} come with a warranty
= what's the capacity of the {product}
= is the {product} good for hiking
= tell me more about the {product}
= can I use the {product} in the rain
= how many people fit in the {product}
= is the {product} dishwasher safe
= what colours does the {product} come in
= is the {product} vegan
= what's the difference between the sizes of the {product}
= is the {product} suitable for winter
= does the {product} pack into its own pocket
= how long does the {product} take to charge
= what's the price of the {product}
= how do I wash a down jacket
= does the {product} fit a 16 inch laptop
= is this tent freestanding
= what's the temperature rating on the {product}
= does the headlamp have a red light mode
= is the sunscreen reef safe
= are the {product} good for wide feet
= is the {product} induction compatible
- the description of the {product} is useless, what material is it
= can the {product} go in the oven
= what are the specs of the {product}
= is it breathable
= does it have a hood
= any reviews on the {product}?
+ the {product} looks amazing! is it waterproof?
+ I've heard great things about the {product}, how heavy is it?
= does the {product} have a hood?
= is the {product} good in heavy rain?
= what's the weight of the {product}?
= can the {product} be machine washed?
= how many lumens is the {product}?
= what material is the lining of the {product}?
""",
"product_availability": """
is the {product} in stock?
= do you have the {product} in size {size}
= is the {product} available in {colour}
= when will the {product} be back in stock
= is size {size} available
= do you have this in {colour}
- the {product} is always sold out, when are you restocking?
= are there any {colour} ones left
= can I preorder the {product}
= is the {product} sold out everywhere
= do you still sell the {product}
= how many {product} do you have left
= will you restock size {size}
= is the {product} available to ship now
= do you have it in XXL
= any stock of the {product} in {colour}, size {size}?
= notify me when the {product} is back
= is the {colour} {product} in stock
= availability of size 11 boots?
= is it in stock in a size {size}
= do you carry the {product}
= out of stock?? when back
= can you reserve one for me
= is this discontinued
= do you have any tents in stock
- every size I want is out of stock
= do you have kids sizes
= is the {product} still available
= got any {colour} jackets in stock
= when do you get new stock
= is size {size} of the {product} available
= do you have more colours coming
= stock check {product}
= can I buy it now or is it backordered
= is it available in my size
+ I'm obsessed with the {product}, will it be back in {colour}?
= is the {product} available in {colour}?
= do you have size {size} of the {product} in stock right now?
= when are you restocking the {product}?
- why is everything sold out in my size
= is the {product} still sold out?
= can I get an email when size {size} is back
""",
"size_guide": """
what size should I get
= do your jackets run small?
= I'm 5'10" and 170 lbs, what size jacket
= size chart for the {product}
= does the {product} run true to size
= should I size up for the boots
= what's the inseam on the {product}
= I'm usually a {size}, what would you recommend
= where can I find your size guide
= are your shoes US or EU sizes
= how do I measure for the right size
= is a medium too small if I layer underneath
= I'm between a {size} and the next size up
= what size do I need in women's boots
= does size {size} fit a 40 inch chest
= are the sizes unisex
= size help please
= how long are the sleeves on a size {size}
= I wear a 9.5, should I get 9 or 10
= measurements for size {size}
= what size backpack do I need for my torso
= do the {product} shrink after washing
= do the hiking socks fit a size 12 foot
= what's your sizing like compared to other brands
- your sizing is all over the place, which one do I buy?
= fit question for the {product}
= will size {size} be baggy
= is the fit slim or relaxed
= how should the {product} fit
= which size sleeping bag for someone 6'2"
= can you convert EU 42 to your sizes
= size guide for kids?
= tall sizes available?
= does this come in petite
= whats my size
+ love this jacket! should I size up if I want to layer a fleece?
= what size is a US 10 in your boots?
= I'm 6 foot and 190 lbs, which jacket size?
= does the {product} fit true to size or small?
= should I go up a size in the {product} for layering?
= what are the measurements for a large?
= are your sizes men's or women's?
""",
"recommend_product": """
can you recommend a rain jacket
= I need a tent for 2 people under {price} dollars
= what's a good gift for a hiker
= suggest something for camping
= what boots do you recommend for winter
= I'm looking for a warm jacket
= I need a backpack for day hikes
= what should I buy for a first backpacking trip
= recommend a headlamp
= any good coffee gear?
= what goes well with the {product}?
= I need running shoes for trails
= show me something in {colour}
= gift ideas under {price}?
= what's your best sleeping bag
= I'm going to Iceland, what jacket should I get
= recommend something for my dad who loves cooking
= I need waterproof boots, any suggestions
= what are your best sellers
= looking for a cosy blanket
= best power bank for a long trip?
= something similar to the {product} but cheaper
= help me pick a gift for my girlfriend
= what do I need for winter camping
= suggest a daypack with a laptop sleeve
= i need a present for a runner
= recommend sunscreen for sensitive skin
= what's good for hot weather hiking
= I want a jacket in {colour}, size {size}
= what do you suggest for a rainy commute
= anything new in kitchen stuff?
= suggest something under {price} dollars
= what should I pair with my new tent
= I like the {product}, what else would I like
= looking for eco-friendly products
= what's a good tent for windy conditions
= best gift for someone who loves coffee
+ I loved my {product}, what else would you recommend?
= what sleeping bag should I get for summer camping
= which jacket would you recommend for skiing
= need something for long flights
+ my last tent from you was perfect, what sleeping bag would go with it?
= I'm looking for a present for a camper, around {price} dollars
= which rain jacket would you suggest for hiking in Scotland?
= what should I get for my first camping trip?
= can you suggest a warm hat?
= I need boots for snowy commutes, what do you recommend?
= show me your best gifts under {price}
""",
"compare_products": """
what's the difference between the {product} and the {product2}
= which is warmer, the {product} or the {product2}?
= compare the {product} with the {product2}
= is the {product} better than the {product2}
= down jacket or synthetic, which should I get?
= which tent is lighter
= {product} vs {product2}
= which backpack is bigger
= should I buy the {product} or the {product2}
= how does the {product} compare to the {product2}
= which of your rain jackets is the most waterproof
= which power bank has more capacity
= what's better for hiking, boots or trail runners
= merino vs synthetic base layer?
= which is cheaper, the {product} or the {product2}
= difference between your 2-person and 3-person tents
= which headlamp is brightest
= compare sleeping bags for cold weather
= which one would you pick between the {product} and {product2}
= pros and cons of the {product} versus the {product2}
= which earbuds have the longest battery
= is cast iron better than stainless steel
= which jacket is more packable
= which boots are more comfortable
= the {product} or {product2} for a beginner?
= which duffel holds more
= I can't decide between two jackets
= what's the difference between fleece and softshell
= compare prices of your tents
= which is more durable, {product} or {product2}
= which sleeping pad is warmest
= {product} or {product2} for winter?
= which has better reviews, {product} or {product2}
= side by side comparison please
= how is the expensive one different from the cheap one
+ both look great! which is better for winter, the {product} or the {product2}?
= which is lighter, the {product} or the {product2}?
= is the {product} warmer than the {product2}?
= what's the main difference between these two tents
= how do the {product} and the {product2} differ?
= which daypack has more capacity
= the {product} or the {product2}, which would you buy?
""",
"warranty": """
what's the warranty on the {product}
= my jacket's zipper broke after 3 months
= how do I make a warranty claim
= is the {product} covered by warranty
= my boots are falling apart after 6 months
- the sole came off my hiking boots, that's terrible quality
= do you repair gear?
= how long is the warranty
= my power bank stopped charging
= the tent pole snapped, is that covered
= warranty for electronics?
= does the warranty cover accidental damage
= lifetime warranty on Northwind stuff?
= my headlamp switch is broken
= what does the warranty cover
= I need a warranty replacement for order {order}
= can I get my down jacket repaired
= is there a guarantee on your products
= the seams on my rain jacket are leaking
= do I need a receipt for warranty
= my earbuds stopped working after 2 months
= defective item, what do I do
= my {product} broke, can you replace it
= warranty on the {product}?
= the zipper on my backpack split
= is normal wear and tear covered
= how long does a warranty repair take
= my water bottle lid cracked
- my {product} broke after one trip, I want a replacement
= can I claim warranty on a gift
= the straps on my pack tore
= my flashlight doesnt turn on anymore
= who pays shipping for a warranty claim
= what is your guarantee policy
= out of warranty repairs?
= my jacket is delaminating, is that covered
= the buckle on my pack broke, can you replace it
- the {product} stopped working after a month, I want a replacement under warranty
= do I need the original box for a warranty claim
= how do I send in my boots for repair
+ I've loved my pack for years, but the zip finally broke. Is it covered?
= my {product} broke after 6 months, is that covered?
= the zipper on my jacket failed, can you repair it?
= is there a warranty on power banks?
- the strap snapped on my {product}, I want it replaced
= does Northwind gear really have a lifetime guarantee?
= can I get a warranty repair without the receipt?
""",
"account_help": """
I forgot my password
= I can't log in to my account
= how do I reset my password
= how do I change my email address
= delete my account please
= I didn't get the password reset email
= how do I create an account
= my account is locked
= can I change my account email to {email}
= how do I update my phone number
= can I order without an account
= I want to unsubscribe from your emails
= how do I see my order history
- I've tried resetting my password 3 times, nothing works
= how do I change my saved card
= my login isn't working
= can I merge two accounts
= how do I close my account
= where are my reward points
= I signed up with the wrong email
= update my name on my account
= how do I turn off marketing emails
= can't sign in
= the reset link expired
= account settings help
= how do I change my password
= my account shows someone else's address
= stop sending me newsletters to {email}
= how many reward points do I have
= can you delete my personal data
= I can't find my past orders in my account
= why was I logged out
= two-factor code not arriving
= my account email is {email}, I can't access it
= how do I change my default shipping address in my account
= how do I sign up for Trail Rewards
= I never got the account verification email
= can you update my email from {email} to a new one
= my password reset page says error
= how do I log out of all devices
- your login page keeps rejecting my correct password
= can I change the language of my account emails to Spanish
= I want to download my data
+ love the new account page! how do I add a second address?
= accidentally made two accounts, can you help
+ just made an account, how do I see my reward points?
= I can't remember which email I used for my account
= my password reset link doesn't work
= how do I delete my saved card
- I keep getting logged out of my account
= can I change the name on my account?
= where can I see my past orders?
""",
"complaint": """
- your customer service is terrible
- this is the worst shopping experience I've ever had
- the {product} fell apart after one use
- I'm really disappointed with my order
- the quality of this jacket is awful
- your delivery was late again
- the package was soaking wet when it arrived
- nobody answered my emails for a week
- I'm very unhappy with how my return was handled
- the colour is completely different from the pictures
- this is unacceptable, I want to file a complaint
- the driver threw my package over the fence
- the item smelled like chemicals
- I've been waiting on hold for 40 minutes
- your website is so slow and buggy
- I want to complain about order {order}
- the stitching on my {product} is coming apart
- I'm never shopping here again
- very poor quality for the price
= I'd like to give some feedback about a recent purchase, it wasn't great
= I'm a bit disappointed that my order arrived late, just so you know
= with respect, the packaging was excessive for such a small item
= I'd like to make a formal complaint please
- the agent I spoke to was rude
- I paid {price} dollars for this and it broke in a week
- you sent me a used item
- the boots hurt my feet and the sole is cracking
- horrible experience, order {order} was a mess
- WORST SERVICE EVER
- you guys keep messing up my orders
- the instructions for the tent were useless
- it took 3 weeks to get a refund, that's terrible
- the product description was misleading
= not happy with the quality of the {product}, honestly
- I'm fed up with your company
- the sleeping bag is nowhere near as warm as advertised
- I got charged shipping even though my order was over the free shipping limit
- the zipper broke the first time I used it, pathetic
= honestly I expected better from Northwind, the quality has gone down
- the box was crushed and the {product} inside is scratched
- your chatbot keeps giving me the same useless answer
- returns are way too complicated here
- I'm really unhappy, my {product} arrived scratched
- your delivery driver was rude to me
- I've contacted you three times about order {order} and nobody helps
= I want to share a complaint about the packaging of order {order}
- the jacket I got looks nothing like the photos
- the refund process is way too slow
""",
"talk_to_human": """
I want to talk to a human
= can I speak to a real person
= connect me to an agent
= is there a live agent available
- let me talk to someone who isn't a bot
- get me a human NOW
= agent please
= transfer me to customer service
= representative
= can I call someone?
= I'd prefer to speak with a person
- you're useless, give me a real person
= I need to speak to a manager
= human please
= what's your phone number
= can a staff member help me with order {order}
= talk to support team
= live chat with a person
= this is complicated, can I speak to someone
= I want a supervisor
= speak to agent
= are there real people working there?
- stop with the bot answers, I want an agent
= how do I reach a person
= operator
= can someone call me back
= pls connect me with a human being
= I'd like to escalate this
= real human
= can I email someone instead
= is anyone from the team online?
- I've asked three times, just get me a person
= connect me to someone who can help with my refund
= customer service representative please
= may I speak with a member of your staff?
= I'd like to talk to a customer service agent about order {order}
= can I get a person on the phone
= connect me to someone in the returns team
- enough, I want a human
= please hand me over to a live agent
= when are your agents available
= is there a human I can chat with
+ you've been great but I think I need a real person for this one
= escalate to a person please
= can a human look at my case
+ you've been really helpful, but could I chat with a person about a gift order?
= can you transfer me to a real agent
- I don't want to talk to a bot
= please let me speak to customer support
= I'd like a human to look at order {order}
= is there a phone number I can call
= put me through to someone in billing
""",
"out_of_scope": """
what's the weather tomorrow
= tell me a joke about politicians
= can you do my math homework
= what stocks should I buy
= give me a recipe for lasagna
= who won the football game last night
= what's the capital of Australia
= write me a poem
= how do I fix my car's brakes
= what's the meaning of life
= can you book me a flight to Denver
= translate this paragraph into French
= who is the president of France
= what's bitcoin trading at
= recommend a good movie
= how many calories in a banana
= what time is it in Tokyo
= can you help me with my tax return
= tell me about the history of Rome
= what's 15% of 240
= who will win the election
= are you conscious
= order me a pizza
= what's the best programming language
= how do I lose weight fast
- this bot is stupid, tell me something funny instead
= play some music
= what is the square root of 144
= can you diagnose my rash
= find me a cheap hotel in Paris
= how do I train my puppy
= explain quantum physics
= should I invest in real estate
= write my cover letter
= what's the traffic like downtown
= set a timer for 10 minutes
= which political party is better
= what's your favourite colour
= help me write an essay on climate change
= is it going to rain this weekend
= what's the best pizza place near me
= can you solve this crossword clue
= who would win in a fight, a bear or a shark
= what's the exchange rate for euros today
= recommend a hiking trail in Colorado
= how do I make sourdough bread
= tell me about the stock market
+ you're so nice, what's your favourite movie?
= what's the best laptop to buy
= write a haiku about autumn
= who is going to win the Super Bowl
= what's the population of Canada
= help me plan a wedding
= is it safe to eat raw cookie dough
""",
}
